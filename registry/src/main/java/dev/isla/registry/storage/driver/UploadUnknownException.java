package dev.isla.registry.storage.driver;

/** No upload session has this id (never created, finished or cancelled). */
public final class UploadUnknownException extends StorageException {

  public UploadUnknownException(String id) {
    super("no upload session " + id);
  }
}
