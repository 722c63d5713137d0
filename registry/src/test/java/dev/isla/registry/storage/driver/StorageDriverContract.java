package dev.isla.registry.storage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isla.registry.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link StorageDriver} must do; each implementation's test extends this. */
abstract class StorageDriverContract {

  /** A fresh, empty driver. */
  abstract StorageDriver driver();

  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] read(StorageDriver driver, Digest digest, long offset) throws IOException {
    try (InputStream in = driver.readBlob(digest, offset).orElseThrow()) {
      return in.readAllBytes();
    }
  }

  static void put(StorageDriver driver, byte[] content) {
    try (BlobWriter writer = driver.writeBlob(Digest.sha256(content))) {
      writer.write(content, 0, content.length);
      writer.commit();
    }
  }

  @Test
  void aCommittedBlobIsReadableWholeAndFromAnOffset() throws IOException {
    StorageDriver driver = driver();
    byte[] content = bytes(200_000, 1);
    Digest digest = Digest.sha256(content);
    put(driver, content);
    assertThat(driver.blobSize(digest)).hasValue(200_000);
    assertThat(read(driver, digest, 0)).isEqualTo(content);
    assertThat(read(driver, digest, 150_000)).hasSize(50_000)
        .isEqualTo(java.util.Arrays.copyOfRange(content, 150_000, 200_000));
  }

  @Test
  void anUnknownBlobIsAbsent() {
    StorageDriver driver = driver();
    Digest digest = Digest.sha256(new byte[] {1});
    assertThat(driver.blobSize(digest)).isEmpty();
    assertThat(driver.readBlob(digest, 0)).isEmpty();
    assertThat(driver.deleteBlob(digest)).isFalse();
  }

  @Test
  void wrongBytesAreNeverPublished() {
    StorageDriver driver = driver();
    Digest claimed = Digest.sha256(new byte[] {1, 2, 3});
    BlobWriter writer = driver.writeBlob(claimed);
    writer.write(new byte[] {1, 2, 4}, 0, 3);
    assertThatThrownBy(writer::commit).isInstanceOf(BlobVerificationException.class);
    writer.close();
    assertThat(driver.blobSize(claimed)).isEmpty();
  }

  @Test
  void aBlobIsInvisibleUntilCommittedAndWrittenBytesCanBeFollowed() {
    StorageDriver driver = driver();
    byte[] content = bytes(100_000, 2);
    Digest digest = Digest.sha256(content);
    try (BlobWriter writer = driver.writeBlob(digest)) {
      writer.write(content, 0, 60_000);
      assertThat(driver.blobSize(digest)).isEmpty();
      assertThat(driver.readBlob(digest, 0)).isEmpty();
      byte[] partial = new byte[70_000];
      int n = writer.readWritten(10_000, partial, 0, partial.length);
      assertThat(n).isEqualTo(50_000);
      assertThat(java.util.Arrays.copyOf(partial, n))
          .isEqualTo(java.util.Arrays.copyOfRange(content, 10_000, 60_000));
      assertThat(writer.readWritten(60_000, partial, 0, 10)).isZero();
      writer.write(content, 60_000, 40_000);
      writer.commit();
    }
    assertThat(driver.blobSize(digest)).hasValue(100_000);
  }

  @Test
  void anAbandonedWriterLeavesNothing() {
    StorageDriver driver = driver();
    byte[] content = bytes(1000, 3);
    Digest digest = Digest.sha256(content);
    try (BlobWriter writer = driver.writeBlob(digest)) {
      writer.write(content, 0, 500);
    }
    assertThat(driver.blobSize(digest)).isEmpty();
  }

  @Test
  void concurrentWritersOfOneDigestAndAReaderAllSucceed() throws Exception {
    StorageDriver driver = driver();
    byte[] content = bytes(2_000_000, 4);
    Digest digest = Digest.sha256(content);
    put(driver, content);
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<byte[]>> reads = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < writers; i++) {
        pool.submit(() -> {
          start.await();
          try (BlobWriter writer = driver.writeBlob(digest)) {
            for (int off = 0; off < content.length; off += 65_536) {
              writer.write(content, off, Math.min(65_536, content.length - off));
            }
            writer.commit();
          }
          return null;
        });
        reads.add(pool.submit(() -> {
          start.await();
          return read(driver, digest, 0);
        }));
      }
      start.countDown();
    }
    for (Future<byte[]> read : reads) {
      assertThat(read.get()).isEqualTo(content);
    }
    assertThat(read(driver, digest, 0)).isEqualTo(content);
  }

  @Test
  void uploadsAppendInOrderAndCommitAsTheirDigest() throws IOException {
    StorageDriver driver = driver();
    byte[] content = bytes(300_000, 5);
    Digest digest = Digest.sha256(content);
    String id = UUID.randomUUID().toString();
    driver.createUpload(id);
    assertThat(driver.uploadSize(id)).hasValue(0);
    long size = driver.appendUpload(id, slice(content, 0, 100_000), OptionalLong.of(0));
    assertThat(size).isEqualTo(100_000);
    assertThatThrownBy(() -> driver.appendUpload(id, slice(content, 200_000, 300_000),
        OptionalLong.of(200_000)))
        .isInstanceOfSatisfying(UploadOffsetException.class, e -> assertThat(e.size())
            .isEqualTo(100_000));
    driver.appendUpload(id, slice(content, 100_000, 300_000), OptionalLong.empty());
    driver.commitUpload(id, digest);
    assertThat(read(driver, digest, 0)).isEqualTo(content);
    assertThat(driver.uploadSize(id)).isEmpty();
  }

  @Test
  void anUploadWithTheWrongDigestIsNotPublishedAndStays() {
    StorageDriver driver = driver();
    String id = UUID.randomUUID().toString();
    driver.createUpload(id);
    driver.appendUpload(id, new ByteArrayInputStream(new byte[] {9, 9}), OptionalLong.empty());
    Digest other = Digest.sha256(new byte[] {9});
    assertThatThrownBy(() -> driver.commitUpload(id, other))
        .isInstanceOf(BlobVerificationException.class);
    assertThat(driver.blobSize(other)).isEmpty();
    assertThat(driver.uploadSize(id)).hasValue(2);
    assertThat(driver.deleteUpload(id)).isTrue();
    assertThatThrownBy(() -> driver.appendUpload(id, new ByteArrayInputStream(new byte[1]),
        OptionalLong.empty())).isInstanceOf(UploadUnknownException.class);
  }

  @Test
  void aSha512UploadCommitsToo() {
    StorageDriver driver = driver();
    byte[] content = bytes(5000, 6);
    Digest digest = Digest.of("sha512", content);
    String id = UUID.randomUUID().toString();
    driver.createUpload(id);
    driver.appendUpload(id, new ByteArrayInputStream(content), OptionalLong.empty());
    driver.commitUpload(id, digest);
    assertThat(driver.blobSize(digest)).hasValue(5000);
  }

  @Test
  void aChunkThatFailsMidwayLeavesTheUploadAsItWas() {
    StorageDriver driver = driver();
    String id = UUID.randomUUID().toString();
    driver.createUpload(id);
    driver.appendUpload(id, new ByteArrayInputStream(new byte[] {1, 2}), OptionalLong.empty());
    InputStream broken = new InputStream() {
      private int left = 3;

      @Override
      public int read() throws IOException {
        if (left-- > 0) {
          return 7;
        }
        throw new IOException("client went away");
      }
    };
    assertThatThrownBy(() -> driver.appendUpload(id, broken, OptionalLong.empty()))
        .isInstanceOf(StorageException.class);
    assertThat(driver.uploadSize(id)).hasValue(2);
    driver.appendUpload(id, new ByteArrayInputStream(new byte[] {3}), OptionalLong.of(2));
    driver.commitUpload(id, Digest.sha256(new byte[] {1, 2, 3}));
  }

  @Test
  void metadataIsWrittenReadListedAndDeleted() {
    StorageDriver driver = driver();
    driver.writeMetadata("r/a+b/tags/v1", "x".getBytes());
    driver.writeMetadata("r/a+b/tags/v2", "y".getBytes());
    driver.writeMetadata("r/a+b/manifests/sha256:00", "z".getBytes());
    driver.writeMetadata("r/a+b/tags/v1", "x2".getBytes());
    assertThat(driver.readMetadata("r/a+b/tags/v1")).hasValueSatisfying(
        v -> assertThat(new String(v)).isEqualTo("x2"));
    assertThat(driver.listMetadata("r/a+b/tags")).containsExactly("v1", "v2");
    assertThat(driver.listMetadata("r/a+b")).containsExactly("manifests", "tags");
    assertThat(driver.listMetadata("r")).containsExactly("a+b");
    assertThat(driver.listMetadata("nothing")).isEmpty();
    assertThat(driver.deleteMetadata("r/a+b/tags/v1")).isTrue();
    assertThat(driver.deleteMetadata("r/a+b/tags/v1")).isFalse();
    assertThat(driver.readMetadata("r/a+b/tags/v1")).isEmpty();
  }

  @Test
  void metadataKeysCannotEscape() {
    StorageDriver driver = driver();
    for (String key : List.of("../x", "a/../b", "/abs", "a//b", ".hidden", "a/.", "")) {
      assertThatThrownBy(() -> driver.writeMetadata(key, new byte[0]))
          .as(key).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static InputStream slice(byte[] content, int from, int to) {
    return new ByteArrayInputStream(content, from, to - from);
  }
}
