package dev.isla.controlplane.store;

/**
 * The store could not do its job: the database file is unreadable or corrupted, the data folder
 * isn't writable, the disk is full, or the schema is newer than this build knows. The message
 * names the file and says what is wrong, so callers can print it as is.
 *
 * <p>Misuse (calling a closed store, nesting transactions, using a transaction handle after it
 * ended) throws {@link IllegalStateException} instead.
 */
public final class ResourceStoreException extends RuntimeException {

  public ResourceStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ResourceStoreException(String message) {
    super(message);
  }
}
