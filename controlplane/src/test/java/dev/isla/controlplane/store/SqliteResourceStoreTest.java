package dev.isla.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResourceStoreTest extends ResourceStoreContract {

  @TempDir Path folder;

  @Override
  protected ResourceStore createStore(MutableClock clock) {
    return SqliteResourceStore.open(folder, clock);
  }

  @Test
  void everythingSurvivesAReopen() {
    put(VNET, VNETS, Json.object().put("n", 1));
    put(SUBNET_A, VNETS + "/subnets", Json.object().put("n", 2));
    put(ResourceId.parse(VNET.toString().toUpperCase()), VNETS, Json.object().put("n", 3));
    List<StoredResource> before = store.list(ResourceQuery.all());
    store.close();

    store = SqliteResourceStore.open(folder, clock);

    assertThat(store.list(ResourceQuery.all())).isEqualTo(before);
    assertThat(store.get(VNET).orElseThrow().id().toString()).isEqualTo(VNET.toString());
  }

  @Test
  void theFileIsInWalModeAndRecordsItsSchemaVersion() throws SQLException {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement s = c.createStatement()) {
      try (var rows = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("wal");
      }
      try (var rows = s.executeQuery("SELECT version FROM schema_version")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(SqliteSchema.current());
        assertThat(rows.next()).isFalse();
      }
    }
  }

  @Test
  void aNewerSchemaIsRefusedByName() throws SQLException {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement s = c.createStatement()) {
      s.execute("UPDATE schema_version SET version = 99");
    }

    assertThatThrownBy(() -> SqliteResourceStore.open(folder))
        .isInstanceOf(ResourceStoreException.class)
        .hasMessageContaining(databaseFile().toString())
        .hasMessageContaining("schema version is 99");
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedByName() throws IOException {
    store.close();
    Files.writeString(databaseFile(), "not a database ".repeat(1000));

    assertThatThrownBy(() -> SqliteResourceStore.open(folder))
        .isInstanceOf(ResourceStoreException.class)
        .hasMessageContaining(databaseFile().toString())
        .hasMessageContaining("not a database or it is corrupted");
  }

  @Test
  void aDamagedDatabaseIsRefusedByName() throws IOException {
    for (int i = 0; i < 300; i++) {
      put(vnet("rg" + i), VNETS, Json.object().put("padding", "x".repeat(500)));
    }
    store.close();
    byte[] bytes = Files.readAllBytes(databaseFile());
    for (int i = 4096 + 100; i < bytes.length; i += 4096) {
      bytes[i] = (byte) 0xff; // a scribble on every b-tree page after the first
    }
    Files.write(databaseFile(), bytes);

    assertThatThrownBy(() -> SqliteResourceStore.open(folder))
        .isInstanceOf(ResourceStoreException.class)
        .hasMessageContaining(databaseFile().toString())
        .hasMessageContaining("corrupted");
  }

  @Test
  void aDataFolderThatIsAFileIsRefusedByName() throws IOException {
    Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SqliteResourceStore.open(notAFolder))
        .isInstanceOf(ResourceStoreException.class)
        .hasMessageContaining(notAFolder.resolve(SqliteResourceStore.FILE_NAME).toString())
        .hasMessageContaining("is a file");
  }

  @Test
  void closingTwiceIsHarmless() {
    store.close();
    store.close();
  }

  private Path databaseFile() {
    return folder.resolve(SqliteResourceStore.FILE_NAME).toAbsolutePath();
  }
}
