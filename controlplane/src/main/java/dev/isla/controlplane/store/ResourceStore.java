package dev.isla.controlplane.store;

import dev.isla.arm.ResourceId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The control plane's state: resources keyed by their case-insensitive id.
 *
 * <p>Contract (checked by {@code ResourceStoreContract} for every implementation):
 *
 * <ul>
 *   <li>Ids compare case-insensitively; the stored id keeps the spelling of its first write.
 *   <li>Every write gives the resource a new ETag; {@code createdAt} survives updates.
 *   <li>{@link #transaction} is atomic and isolated: either all its writes become visible or
 *       none, and no other transaction interleaves with it. An exception thrown inside rolls it
 *       back and propagates unchanged.
 *   <li>Once {@link #transaction} returns, its writes are durable: they survive {@code kill -9}
 *       of the process.
 *   <li>Lists are ordered by id (case-insensitive) and never contain {@code null}.
 *   <li>Transactions don't nest: calling {@link #transaction} inside {@code work} throws
 *       {@link IllegalStateException}, as does using a {@link Transaction} after it ended or any
 *       call after {@link #close}.
 *   <li>Storage failures (unreadable or corrupted file, folder not writable, disk full) throw
 *       {@link ResourceStoreException} with a message naming the file.
 * </ul>
 *
 * Implementations: {@code SqliteResourceStore} (embedded default, a file under the data
 * folder), {@code MemoryResourceStore} (tests). PostgreSQL will implement it later, so callers
 * depend on nothing but this interface.
 */
public interface ResourceStore extends AutoCloseable {

  /** The resource with this id, if stored. */
  Optional<StoredResource> get(ResourceId id);

  /** Resources matching the query, ordered by id. */
  List<StoredResource> list(ResourceQuery query);

  /** Runs {@code work} atomically; see the class contract. */
  <T> T transaction(Function<Transaction, T> work);

  /** Releases files and connections; further calls fail. */
  @Override
  void close();

  /** Reads and writes inside one transaction; valid only while the transaction runs. */
  interface Transaction {

    Optional<StoredResource> get(ResourceId id);

    List<StoredResource> list(ResourceQuery query);

    /**
     * Creates or replaces a resource.
     *
     * @param type lower-cased full type name
     * @return what is now stored, with its new ETag
     */
    StoredResource put(ResourceId id, String type, com.fasterxml.jackson.databind.node.ObjectNode body);

    /** Deletes a resource; true when it existed. Children are not deleted implicitly. */
    boolean delete(ResourceId id);
  }
}
