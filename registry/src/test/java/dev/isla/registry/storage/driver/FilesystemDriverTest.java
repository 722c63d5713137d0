package dev.isla.registry.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.registry.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemDriverTest extends StorageDriverContract {

  @TempDir
  Path root;

  private int opened;

  @Override
  StorageDriver driver() {
    return new FilesystemDriver(root.resolve("store" + opened++));
  }

  @Test
  void aCrashMidWriteLeavesNoVisibleBlobAndTheLeftoverIsSweptAtStart() throws IOException {
    Path folder = root.resolve("crash");
    StorageDriver driver = new FilesystemDriver(folder);
    byte[] content = bytes(10_000, 7);
    Digest digest = Digest.sha256(content);
    BlobWriter writer = driver.writeBlob(digest);
    writer.write(content, 0, 5000);
    // The process "dies" here: the writer is never committed nor closed.
    StorageDriver reopened = new FilesystemDriver(folder);
    assertThat(reopened.blobSize(digest)).isEmpty();
    try (var files = Files.walk(folder)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void anUploadSurvivesARestart() {
    Path folder = root.resolve("restart");
    StorageDriver driver = new FilesystemDriver(folder);
    driver.createUpload("u1");
    driver.appendUpload("u1", new java.io.ByteArrayInputStream(new byte[] {1, 2}),
        java.util.OptionalLong.empty());
    StorageDriver reopened = new FilesystemDriver(folder);
    reopened.appendUpload("u1", new java.io.ByteArrayInputStream(new byte[] {3}),
        java.util.OptionalLong.of(2));
    reopened.commitUpload("u1", Digest.sha256(new byte[] {1, 2, 3}));
    assertThat(reopened.blobSize(Digest.sha256(new byte[] {1, 2, 3}))).hasValue(3);
  }

  @Test
  void anUploadUntouchedForAWeekIsRemovedAtStartAndARecentOneKept() throws IOException {
    Path folder = root.resolve("idle");
    StorageDriver driver = new FilesystemDriver(folder);
    driver.createUpload("old");
    driver.createUpload("recent");
    driver.appendUpload("recent", new java.io.ByteArrayInputStream(new byte[] {1}),
        java.util.OptionalLong.empty());
    Files.setLastModifiedTime(folder.resolve("uploads/old"), java.nio.file.attribute.FileTime
        .from(java.time.Instant.now().minus(FileUploads.MAX_IDLE).minusSeconds(60)));
    StorageDriver reopened = new FilesystemDriver(folder);
    assertThat(reopened.uploadSize("old")).isEmpty();
    assertThat(reopened.uploadSize("recent")).hasValue(1);
  }
}
