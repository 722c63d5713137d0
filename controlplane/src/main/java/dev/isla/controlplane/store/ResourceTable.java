package dev.isla.controlplane.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code resources} table in portable SQL (SQLite today, PostgreSQL later): no upsert
 * dialects, no engine functions. Keys compare bytewise (PostgreSQL will need {@code COLLATE "C"}
 * on {@code key}). Callers own the connection and its transaction.
 */
final class ResourceTable {

  private static final String COLUMNS = "id, type, body, etag, created_at, changed_at";

  private final Clock clock;

  ResourceTable(Clock clock) {
    this.clock = clock;
  }

  Optional<StoredResource> get(Connection c, ResourceId id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM resources WHERE key = ?")) {
      s.setString(1, id.key());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(row(rows)) : Optional.empty();
      }
    }
  }

  List<StoredResource> list(Connection c, ResourceQuery query) throws SQLException {
    List<String> where = new ArrayList<>();
    List<String> args = new ArrayList<>();
    query.type().ifPresent(type -> {
      where.add("type = ?");
      args.add(type);
    });
    query.parent().ifPresent(parent -> {
      where.add("parent_key = ?");
      args.add(parent.key());
    });
    query.under().ifPresent(under -> {
      // The LIKE is exact, but no engine uses an index for LIKE ... ESCAPE on a case-sensitive
      // column; the range around it lets the primary key narrow the scan. '0' follows '/'.
      where.add("key >= ? AND key < ? AND (key = ? OR key LIKE ? ESCAPE '\\')");
      String key = under.key();
      args.addAll(List.of(key, key + "0", key, likePrefix(key + "/")));
    });
    String sql = "SELECT " + COLUMNS + " FROM resources"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY key";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        s.setString(i + 1, args.get(i));
      }
      try (ResultSet rows = s.executeQuery()) {
        List<StoredResource> found = new ArrayList<>();
        while (rows.next()) {
          found.add(row(rows));
        }
        return List.copyOf(found);
      }
    }
  }

  /** Inserts or updates; the first write's id spelling and {@code createdAt} stay. */
  StoredResource put(Connection c, ResourceId id, String type, ObjectNode body)
      throws SQLException {
    Instant now = Writes.now(clock);
    Optional<StoredResource> first = get(c, id);
    StoredResource stored = new StoredResource(
        first.map(StoredResource::id).orElse(id),
        type.toLowerCase(Locale.ROOT),
        Writes.normalize(body),
        Writes.newEtag(),
        first.map(StoredResource::createdAt).orElse(now),
        now);
    String sql = first.isPresent()
        ? "UPDATE resources SET type = ?, body = ?, etag = ?, changed_at = ?, subscription = ?,"
            + " resource_group = ?, parent_key = ?, id = ?, created_at = ? WHERE key = ?"
        : "INSERT INTO resources (type, body, etag, changed_at, subscription, resource_group,"
            + " parent_key, id, created_at, key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, stored.type());
      s.setString(2, Json.write(stored.body()));
      s.setString(3, stored.etag());
      s.setString(4, now.toString());
      s.setString(5, id.subscriptionId().toLowerCase(Locale.ROOT));
      s.setString(6, id.resourceGroup().map(rg -> rg.toLowerCase(Locale.ROOT)).orElse(null));
      s.setString(7, id.parent().map(ResourceId::key).orElse(null));
      s.setString(8, stored.id().toString());
      s.setString(9, stored.createdAt().toString());
      s.setString(10, id.key());
      s.executeUpdate();
    }
    return stored;
  }

  boolean delete(Connection c, ResourceId id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM resources WHERE key = ?")) {
      s.setString(1, id.key());
      return s.executeUpdate() > 0;
    }
  }

  private static StoredResource row(ResultSet rows) throws SQLException {
    String id = rows.getString(1);
    try {
      return new StoredResource(
          ResourceId.parse(id),
          rows.getString(2),
          Writes.parseBody(rows.getString(3)),
          rows.getString(4),
          Instant.parse(rows.getString(5)),
          Instant.parse(rows.getString(6)));
    } catch (RuntimeException e) {
      throw new SQLDataException("the row of '" + id + "' is unreadable: " + e.getMessage(), e);
    }
  }

  /** A LIKE pattern matching strings that start with {@code prefix}, escaped with '\'. */
  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
