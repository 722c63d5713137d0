package dev.isla.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files under the data folder that hold keys or trust material: folders {@code 0700}, files
 * {@code 0600}, written atomically (temporary file in the same folder, then rename) so a crash
 * never leaves a half-written key. On file systems without POSIX permissions the bytes are still
 * written atomically; the permissions are then the platform's defaults.
 */
public final class OwnerOnlyFiles {

  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /** Creates {@code folder} (and parents) if absent and restricts it to its owner. */
  public static Path folder(Path folder) {
    try {
      Files.createDirectories(folder);
      if (posix(folder)) {
        Files.setPosixFilePermissions(folder, FOLDER);
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }

  /** Replaces {@code file} with {@code bytes}, readable and writable by its owner only. */
  public static void write(Path file, byte[] bytes) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = posix(dir)
          ? Files.createTempFile(dir, ".tmp-", ".part", attribute())
          : Files.createTempFile(dir, ".tmp-", ".part");
      try (var channel = java.nio.channels.FileChannel.open(tmp,
          java.nio.file.StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(bytes));
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
