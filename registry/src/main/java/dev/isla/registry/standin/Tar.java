package dev.isla.registry.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A reproducible POSIX ustar archive: entries sorted by path, every parent folder listed before
 * its content, owner root (uid/gid 0), modification time 0, fixed modes. The same files give
 * the same bytes on every machine, so the layer's {@code diff_id} never changes.
 */
final class Tar {

  /** One regular file: its path relative to the root ({@code usr/local/bin/x}) and mode. */
  record File(String path, byte[] content, int mode) {

    File {
      if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.length() > 99) {
        throw new IllegalArgumentException("invalid tar path: " + path);
      }
    }
  }

  private static final int BLOCK = 512;
  private static final int DIRECTORY_MODE = 0755;

  private Tar() {}

  /** The archive of {@code files} (and their parent folders), ending with two zero blocks. */
  static byte[] of(List<File> files) {
    TreeMap<String, File> entries = new TreeMap<>();
    for (File file : files) {
      String path = file.path();
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String folder = path.substring(0, slash + 1);
        entries.putIfAbsent(folder, new File(folder.substring(0, slash), new byte[0],
            DIRECTORY_MODE));
      }
      if (entries.put(path, file) != null) {
        throw new IllegalArgumentException("duplicate tar path: " + path);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    entries.forEach((name, file) -> {
      boolean folder = name.endsWith("/");
      out.writeBytes(header(name, folder ? 0 : file.content().length, file.mode(), folder));
      if (!folder) {
        out.writeBytes(file.content());
        out.writeBytes(new byte[padding(file.content().length)]);
      }
    });
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  private static byte[] header(String name, int size, int mode, boolean folder) {
    byte[] header = new byte[BLOCK];
    put(header, 0, name);
    put(header, 100, String.format("%07o", mode));
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", size));
    put(header, 136, "00000000000");
    header[156] = (byte) (folder ? '5' : '0');
    put(header, 257, "ustar");
    put(header, 263, "00");
    put(header, 265, "root");
    put(header, 297, "root");
    // The checksum is computed with its own field read as spaces.
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    return header;
  }

  private static int padding(int size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void put(byte[] target, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, target, offset, bytes.length);
  }
}
