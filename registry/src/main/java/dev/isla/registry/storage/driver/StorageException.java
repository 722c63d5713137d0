package dev.isla.registry.storage.driver;

/** The storage medium failed (I/O error, full disk); the operation had no visible effect. */
public class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
