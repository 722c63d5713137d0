package dev.isla.registry.storage.driver;

/** Bytes offered as a blob do not have the digest they claim; nothing was published. */
public final class BlobVerificationException extends StorageException {

  public BlobVerificationException(String message) {
    super(message);
  }
}
