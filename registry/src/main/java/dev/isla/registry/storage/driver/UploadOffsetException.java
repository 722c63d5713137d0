package dev.isla.registry.storage.driver;

/** A chunk does not start where the upload ends; {@link #size()} says where it does. */
public final class UploadOffsetException extends StorageException {

  private final long size;

  public UploadOffsetException(long size, long offset) {
    super("the upload holds " + size + " bytes; a chunk at " + offset + " leaves a gap or overlap");
    this.size = size;
  }

  public long size() {
    return size;
  }
}
