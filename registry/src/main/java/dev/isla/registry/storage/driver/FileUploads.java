package dev.isla.registry.storage.driver;

import dev.isla.registry.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Upload sessions as files under one folder. The sha256 of each session is kept up to date in
 * memory as chunks arrive, so committing needs no second pass over the bytes; after a restart
 * (or for sha512) the file is hashed once at commit. Sessions survive restarts (a client may
 * resume them); one untouched for {@link #MAX_IDLE} is abandoned and removed at start, as
 * Distribution's upload purging does, so sessions cut by crashes don't pile up forever.
 */
final class FileUploads {

  /** How long a session may sit untouched before the next start removes it. */
  static final Duration MAX_IDLE = Duration.ofDays(7);
  private static final int BUFFER = 64 * 1024;

  private final Path folder;
  private final Function<Digest, Path> blobPath;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  FileUploads(Path folder, Function<Digest, Path> blobPath) throws IOException {
    this.folder = Files.createDirectories(folder);
    this.blobPath = blobPath;
    purgeIdle(Instant.now().minus(MAX_IDLE));
  }

  private void purgeIdle(Instant before) throws IOException {
    try (DirectoryStream<Path> sessions = Files.newDirectoryStream(folder)) {
      for (Path session : sessions) {
        if (Files.getLastModifiedTime(session).toInstant().isBefore(before)) {
          Files.deleteIfExists(session);
        }
      }
    }
  }

  void create(String id) {
    try {
      Files.write(file(id), new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("cannot start upload " + id, e);
    }
    sessions.put(id, new Session(Digest.newHasher("sha256"), 0));
  }

  OptionalLong size(String id) {
    try {
      return OptionalLong.of(Files.size(file(id)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new StorageException("cannot stat upload " + id, e);
    }
  }

  long append(String id, InputStream in, OptionalLong offset) {
    Session session = session(id);
    synchronized (session) {
      if (offset.isPresent() && offset.getAsLong() != session.size) {
        throw new UploadOffsetException(session.size, offset.getAsLong());
      }
      MessageDigest before = clone(session.hasher);
      long sizeBefore = session.size;
      try (FileChannel channel = FileChannel.open(file(id), StandardOpenOption.WRITE)) {
        channel.position(sizeBefore);
        session.size += copy(in, channel, session.hasher);
        return session.size;
      } catch (IOException | RuntimeException e) {
        rollback(id, session, before, sizeBefore);
        throw e instanceof StorageException se ? se : new StorageException("append failed", e);
      }
    }
  }

  void commit(String id, Digest digest) {
    Session session = session(id);
    synchronized (session) {
      boolean matches = digest.algorithm().equals("sha256")
          ? digest.matches(clone(session.hasher)) : digest.matches(hashFile(id, digest));
      if (!matches) {
        throw new BlobVerificationException("the uploaded bytes do not have digest " + digest);
      }
      try (FileChannel channel = FileChannel.open(file(id), StandardOpenOption.WRITE)) {
        channel.force(true);
      } catch (IOException e) {
        throw new StorageException("cannot sync upload " + id, e);
      }
      try {
        DurableFiles.publish(file(id), blobPath.apply(digest));
      } catch (IOException e) {
        throw new StorageException("cannot publish upload " + id, e);
      }
      sessions.remove(id);
    }
  }

  boolean delete(String id) {
    sessions.remove(id);
    try {
      return Files.deleteIfExists(file(id));
    } catch (IOException e) {
      throw new StorageException("cannot delete upload " + id, e);
    }
  }

  private Session session(String id) {
    Path file = file(id);
    if (!Files.exists(file)) {
      sessions.remove(id);
      throw new UploadUnknownException(id);
    }
    return sessions.computeIfAbsent(id, k -> {
      Digest none = Digest.sha256(new byte[0]);
      MessageDigest hasher = hashFile(id, none);
      return new Session(hasher, size(id).orElse(0));
    });
  }

  private MessageDigest hashFile(String id, Digest algorithmOf) {
    MessageDigest hasher = algorithmOf.newHasher();
    try (InputStream in = Files.newInputStream(file(id))) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        hasher.update(buffer, 0, n);
      }
      return hasher;
    } catch (IOException e) {
      throw new StorageException("cannot read upload " + id, e);
    }
  }

  private static long copy(InputStream in, FileChannel out, MessageDigest hasher)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
      while (chunk.hasRemaining()) {
        out.write(chunk);
      }
      hasher.update(buffer, 0, n);
      total += n;
    }
    return total;
  }

  private void rollback(String id, Session session, MessageDigest hasher, long size) {
    session.hasher = hasher;
    session.size = size;
    try (FileChannel channel = FileChannel.open(file(id), StandardOpenOption.WRITE)) {
      channel.truncate(size);
    } catch (IOException e) {
      sessions.remove(id);
    }
  }

  private Path file(String id) {
    return folder.resolve(MetadataKeys.check(id, false));
  }

  private static MessageDigest clone(MessageDigest hasher) {
    try {
      return (MessageDigest) hasher.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's hashers are cloneable", e);
    }
  }

  private static final class Session {
    MessageDigest hasher;
    long size;

    Session(MessageDigest hasher, long size) {
      this.hasher = hasher;
      this.size = size;
    }
  }
}
