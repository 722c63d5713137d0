package dev.isla.controlplane.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ResourceId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The embedded {@link ResourceStore}: one SQLite database, {@value #FILE_NAME}, in the data
 * folder.
 *
 * <p>Durability: the database runs in WAL mode with {@code synchronous=FULL}, so a commit returns
 * only after the log is on disk; an acknowledged transaction survives {@code kill -9} and, as far
 * as SQLite and the disk allow, power loss.
 *
 * <p>Concurrency: one writer connection, owned by a lock, runs the transactions one after
 * another, which makes them serializable. Reads outside a transaction use a small pool of
 * read-only connections; WAL lets them run alongside the writer, and they see the last commit.
 *
 * <p>Errors: {@link #open} checks the folder, the file, the journal mode and the schema, and
 * throws {@link ResourceStoreException} with a message naming the file when any is wrong; later
 * storage failures (disk full, I/O errors) throw the same.
 */
public final class SqliteResourceStore implements ResourceStore {

  /** The database file's name inside the data folder. */
  public static final String FILE_NAME = "arm.db";

  private static final int READERS = 4;

  private final Path file;
  private final ResourceTable table;
  private final Connection writer;
  private final BlockingQueue<Connection> readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean closed;

  private SqliteResourceStore(
      Path file, ResourceTable table, Connection writer, List<Connection> readers) {
    this.file = file;
    this.table = table;
    this.writer = writer;
    this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
  }

  /** Opens (creating if needed) the store in {@code dataFolder}, stamping times in UTC. */
  public static SqliteResourceStore open(Path dataFolder) {
    return open(dataFolder, Clock.systemUTC());
  }

  /**
   * Opens (creating if needed) the store in {@code dataFolder}: creates the folder, checks the
   * database, applies missing schema migrations.
   *
   * @throws ResourceStoreException naming the file when the folder can't be written or the file
   *     isn't a readable Isla database
   */
  public static SqliteResourceStore open(Path dataFolder, Clock clock) {
    Path file = dataFolder.resolve(FILE_NAME).toAbsolutePath();
    SqliteConnections.checkFolder(file);
    List<Connection> opened = new ArrayList<>();
    try {
      Connection writer = SqliteConnections.connect(file, false);
      opened.add(writer);
      SqliteConnections.checkIntegrity(writer);
      SqliteSchema.migrate(writer);
      List<Connection> readers = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        readers.add(SqliteConnections.connect(file, true));
        opened.add(readers.getLast());
      }
      return new SqliteResourceStore(file, new ResourceTable(clock), writer, readers);
    } catch (SQLException e) {
      opened.forEach(SqliteConnections::closeQuietly);
      throw new ResourceStoreException("Cannot open the resource store " + file + ": "
          + SqliteConnections.reason(e), e);
    }
  }

  @Override
  public Optional<StoredResource> get(ResourceId id) {
    Objects.requireNonNull(id);
    return read(c -> table.get(c, id));
  }

  @Override
  public List<StoredResource> list(ResourceQuery query) {
    Objects.requireNonNull(query);
    return read(c -> table.list(c, query));
  }

  @Override
  public <T> T transaction(Function<Transaction, T> work) {
    Objects.requireNonNull(work);
    writeLock.lock();
    try {
      ensureOpen();
      if (writeLock.getHoldCount() > 1) {
        throw new IllegalStateException("transactions don't nest");
      }
      SqlTransaction tx = new SqlTransaction();
      try {
        writer.setAutoCommit(false);
        T result = work.apply(tx);
        writer.commit();
        writer.setAutoCommit(true);
        return result;
      } catch (SQLException e) {
        rollback(e);
        throw failure("Cannot commit to", e);
      } catch (RuntimeException | Error e) {
        rollback(e);
        throw e;
      } finally {
        tx.ended = true;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Waits for the running transaction and reads, then closes every connection. Closing again does
   * nothing.
   */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (int i = 0; i < READERS; i++) {
        SqliteConnections.closeQuietly(readers.take());
      }
      SqliteConnections.closeQuietly(writer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteResourceStore[" + file + "]";
  }

  private <T> T read(SqlWork<T> work) {
    Connection c = takeReader();
    try {
      return work.apply(c);
    } catch (SQLException e) {
      throw failure("Cannot read", e);
    } finally {
      readers.add(c);
    }
  }

  private Connection takeReader() {
    try {
      while (true) {
        ensureOpen();
        // Polling, not take(): a reader waiting while close() drains the pool must notice.
        Connection c = readers.poll(100, TimeUnit.MILLISECONDS);
        if (c != null) {
          return c;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResourceStoreException("Interrupted while waiting to read " + file, e);
    }
  }

  private void rollback(Throwable cause) {
    try {
      writer.rollback();
      writer.setAutoCommit(true);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the resource store " + file + " is closed");
    }
  }

  private ResourceStoreException failure(String what, SQLException e) {
    return new ResourceStoreException(
        what + " the resource store " + file + ": " + SqliteConnections.reason(e), e);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Reads and writes on the writer connection, inside its open JDBC transaction. */
  private final class SqlTransaction implements Transaction {

    private boolean ended;

    @Override
    public Optional<StoredResource> get(ResourceId id) {
      return write(c -> table.get(c, id));
    }

    @Override
    public List<StoredResource> list(ResourceQuery query) {
      return write(c -> table.list(c, query));
    }

    @Override
    public StoredResource put(ResourceId id, String type, ObjectNode body) {
      return write(c -> table.put(c, id, type, body));
    }

    @Override
    public boolean delete(ResourceId id) {
      return write(c -> table.delete(c, id));
    }

    private <T> T write(SqlWork<T> work) {
      if (ended) {
        throw new IllegalStateException("the transaction has ended");
      }
      try {
        return work.apply(writer);
      } catch (SQLException e) {
        throw failure("Cannot write", e);
      }
    }
  }
}
