package dev.isla.registry.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/** Every file below a storage root with its size and CRC-32: equal snapshots, same storage. */
public record StorageSnapshot(Map<String, String> files) {

  /** Only the files (folders left behind empty hold nothing). */
  public Map<String, String> contentFiles() {
    Map<String, String> only = new TreeMap<>(files);
    only.values().removeIf("dir"::equals);
    return only;
  }

  public static StorageSnapshot of(Path root) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        String name = root.relativize(path).toString();
        if (Files.isDirectory(path)) {
          files.put(name + "/", "dir");
          continue;
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(path));
        files.put(name, Files.size(path) + ":" + Long.toHexString(crc.getValue()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StorageSnapshot(files);
  }
}
