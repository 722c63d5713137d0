package dev.isla.registry.storage.driver;

import dev.isla.registry.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link StorageDriver} in memory, for tests; blobs are byte arrays (keep them small). */
public final class MemoryDriver implements StorageDriver {

  private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, byte[]> metadata = new ConcurrentSkipListMap<>();

  @Override
  public OptionalLong blobSize(Digest digest) {
    byte[] blob = blobs.get(digest);
    return blob == null ? OptionalLong.empty() : OptionalLong.of(blob.length);
  }

  @Override
  public Optional<InputStream> readBlob(Digest digest, long offset) {
    byte[] blob = blobs.get(digest);
    if (blob == null) {
      return Optional.empty();
    }
    int from = (int) Math.min(offset, blob.length);
    return Optional.of(new ByteArrayInputStream(blob, from, blob.length - from));
  }

  @Override
  public BlobWriter writeBlob(Digest digest) {
    return new MemoryWriter(digest);
  }

  @Override
  public boolean deleteBlob(Digest digest) {
    return blobs.remove(digest) != null;
  }

  @Override
  public void createUpload(String id) {
    uploads.put(id, new Upload());
  }

  @Override
  public OptionalLong uploadSize(String id) {
    Upload upload = uploads.get(id);
    return upload == null ? OptionalLong.empty() : OptionalLong.of(upload.size());
  }

  @Override
  public long appendUpload(String id, InputStream in, OptionalLong offset) {
    Upload upload = upload(id);
    synchronized (upload) {
      if (offset.isPresent() && offset.getAsLong() != upload.bytes.length) {
        throw new UploadOffsetException(upload.bytes.length, offset.getAsLong());
      }
      try {
        byte[] chunk = in.readAllBytes();
        byte[] grown = Arrays.copyOf(upload.bytes, upload.bytes.length + chunk.length);
        System.arraycopy(chunk, 0, grown, upload.bytes.length, chunk.length);
        upload.bytes = grown;
        return grown.length;
      } catch (IOException e) {
        throw new StorageException("reading the chunk failed", e);
      }
    }
  }

  @Override
  public void commitUpload(String id, Digest digest) {
    Upload upload = upload(id);
    synchronized (upload) {
      if (!digest.equals(Digest.of(digest.algorithm(), upload.bytes))) {
        throw new BlobVerificationException("the uploaded bytes do not have digest " + digest);
      }
      blobs.putIfAbsent(digest, upload.bytes);
      uploads.remove(id);
    }
  }

  @Override
  public boolean deleteUpload(String id) {
    return uploads.remove(id) != null;
  }

  @Override
  public Optional<byte[]> readMetadata(String key) {
    return Optional.ofNullable(metadata.get(MetadataKeys.check(key, false))).map(byte[]::clone);
  }

  @Override
  public void writeMetadata(String key, byte[] value) {
    metadata.put(MetadataKeys.check(key, false), value.clone());
  }

  @Override
  public boolean deleteMetadata(String key) {
    return metadata.remove(MetadataKeys.check(key, false)) != null;
  }

  @Override
  public List<String> listMetadata(String folder) {
    String prefix = MetadataKeys.check(folder, true).isEmpty() ? "" : folder + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String key : metadata.tailMap(prefix).keySet()) {
      if (!key.startsWith(prefix)) {
        break;
      }
      String rest = key.substring(prefix.length());
      int slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : rest.substring(0, slash));
    }
    return new ArrayList<>(names);
  }

  private Upload upload(String id) {
    Upload upload = uploads.get(id);
    if (upload == null) {
      throw new UploadUnknownException(id);
    }
    return upload;
  }

  private static final class Upload {
    byte[] bytes = new byte[0];

    synchronized long size() {
      return bytes.length;
    }
  }

  private final class MemoryWriter implements BlobWriter {
    private final Digest digest;
    private final MessageDigest hasher;
    private byte[] bytes = new byte[1024];
    private volatile int written;

    MemoryWriter(Digest digest) {
      this.digest = digest;
      this.hasher = digest.newHasher();
    }

    @Override
    public synchronized void write(byte[] source, int offset, int length) {
      if (written + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, written + length));
      }
      System.arraycopy(source, offset, bytes, written, length);
      hasher.update(source, offset, length);
      written += length;
    }

    @Override
    public long written() {
      return written;
    }

    @Override
    public synchronized int readWritten(long position, byte[] target, int offset, int length) {
      int n = (int) Math.min(length, written - position);
      System.arraycopy(bytes, (int) position, target, offset, n);
      return n;
    }

    @Override
    public synchronized void commit() {
      if (!digest.matches(hasher)) {
        throw new BlobVerificationException("the bytes written do not have digest " + digest);
      }
      blobs.putIfAbsent(digest, Arrays.copyOf(bytes, written));
    }

    @Override
    public void close() {
      // Nothing to discard: uncommitted bytes are garbage once the writer is dropped.
    }
  }
}
