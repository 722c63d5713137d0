package dev.isla.registry.storage.driver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The durable-publish steps the filesystem driver repeats: a temp file beside the target, fsync,
 * atomic rename, fsync of the folder, so a crash leaves either the old file or the new one.
 */
final class DurableFiles {

  /** Prefix of in-progress files; never a valid blob or metadata name. */
  static final String TEMP_PREFIX = ".tmp-";

  private DurableFiles() {}

  /** A fresh temp file path in {@code folder} (created with its parents). */
  static Path tempIn(Path folder) throws IOException {
    Files.createDirectories(folder);
    return folder.resolve(TEMP_PREFIX + UUID.randomUUID());
  }

  /** Renames {@code source} over {@code target} atomically and syncs the target's folder. */
  static void publish(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    syncFolder(target.getParent());
  }

  /** Writes {@code bytes} to {@code target} durably and atomically. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = tempIn(target.getParent());
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    publish(temp, target);
  }

  static void syncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some filesystems refuse to open folders for fsync; the rename itself stays atomic.
    }
  }
}
