package dev.isla.controlplane.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/** Opens SQLite connections the way {@link SqliteResourceStore} needs them; explains failures. */
final class SqliteConnections {

  private static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private SqliteConnections() {}

  static void checkFolder(Path file) {
    Path folder = file.getParent();
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new ResourceStoreException("Cannot open the resource store " + file
          + ": the data folder " + folder + " is a file");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new ResourceStoreException("Cannot open the resource store " + file
          + ": the data folder can't be created (" + e + ")", e);
    }
    if (!Files.isWritable(folder)) {
      throw new ResourceStoreException("Cannot open the resource store " + file
          + ": the data folder " + folder + " isn't writable");
    }
    if (Files.exists(file) && !(Files.isRegularFile(file) && Files.isWritable(file))) {
      throw new ResourceStoreException("Cannot open the resource store " + file
          + ": it isn't a writable file");
    }
  }

  /** A connection with the durability settings; SQLite-only SQL is confined to these PRAGMAs. */
  static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      if (!readOnly) {
        String mode = single(s, "PRAGMA journal_mode=WAL");
        if (!"wal".equalsIgnoreCase(mode)) {
          throw new SQLException("SQLite refused WAL mode (journal mode is " + mode + ")");
        }
      }
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA query_only=" + (readOnly ? "ON" : "OFF"));
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /** Fails on a damaged file now rather than on the first unlucky read. */
  static void checkIntegrity(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      String result = single(s, "PRAGMA quick_check");
      if (!"ok".equalsIgnoreCase(result)) {
        String found = result.replaceAll("\\s+", " ").replace("*** in database main *** ", "");
        throw new SQLException("quick_check found: "
            + (found.length() > 200 ? found.substring(0, 200) + " …" : found),
            null, SQLiteErrorCode.SQLITE_CORRUPT.code);
      }
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : "";
    }
  }

  static String reason(SQLException e) {
    int code = e.getErrorCode() & 0xff; // extended result codes keep the primary in the low byte
    if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return "it is not a database or it is corrupted (" + e.getMessage() + ")";
    }
    return e.getMessage();
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing is best effort: there's nothing left to undo
    }
  }
}
