package dev.isla.controlplane.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database schema as an ordered list of migrations; {@code schema_version} holds how many
 * have been applied. Opening a database runs the missing ones in one transaction. Append new
 * migrations at the end; never edit a released one.
 */
final class SqliteSchema {

  /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          """
          CREATE TABLE resources (
            key VARCHAR(2048) NOT NULL PRIMARY KEY,
            id VARCHAR(2048) NOT NULL,
            type VARCHAR(512) NOT NULL,
            subscription VARCHAR(128) NOT NULL,
            resource_group VARCHAR(128),
            parent_key VARCHAR(2048),
            body TEXT NOT NULL,
            etag VARCHAR(128) NOT NULL,
            created_at VARCHAR(40) NOT NULL,
            changed_at VARCHAR(40) NOT NULL
          )""",
          // list by type, optionally under a scope: the key range rides on the same index
          "CREATE INDEX resources_by_type ON resources (type, key)",
          // direct children, already in key order
          "CREATE INDEX resources_by_parent ON resources (parent_key, key)"));
  // 'under' alone is a key range on the primary key, so it needs no index of its own.

  private SqliteSchema() {}

  /** The version this build writes. */
  static int current() {
    return MIGRATIONS.size();
  }

  /**
   * Brings the schema to {@link #current()}; {@code c} must be in auto-commit mode.
   *
   * @throws SQLException also when the database is newer than this build
   */
  static void migrate(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int version = version(s);
      if (version > current()) {
        throw new SQLException("its schema version is " + version
            + " but this build of Isla knows versions up to " + current()
            + "; use a newer Isla or another data folder");
      }
      for (int v = version; v < current(); v++) {
        for (String sql : MIGRATIONS.get(v)) {
          s.execute(sql);
        }
      }
      if (version < current()) {
        s.execute("DELETE FROM schema_version");
        s.execute("INSERT INTO schema_version (version) VALUES (" + current() + ")");
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static int version(Statement s) throws SQLException {
    try (ResultSet rows = s.executeQuery("SELECT version FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
