package dev.isla.registry.storage.driver;

import dev.isla.registry.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link StorageDriver} on a local folder: {@code blobs/<algorithm>/<2 hex>/<hex>},
 * {@code uploads/<id>}, {@code meta/<key>}. Every publish is a temp file in the target's folder,
 * fsync, atomic rename and folder fsync ({@link DurableFiles}); leftover temp files of a crash
 * are invisible and removed at start.
 */
public final class FilesystemDriver implements StorageDriver {

  private final Path blobs;
  private final Path meta;
  private final FileUploads uploads;

  /** Opens (creating if needed) the storage under {@code root}. */
  public FilesystemDriver(Path root) {
    this.blobs = root.resolve("blobs");
    this.meta = root.resolve("meta");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(meta);
      this.uploads = new FileUploads(root.resolve("uploads"), this::blobPath);
      sweepTempFiles(root);
    } catch (IOException e) {
      throw new StorageException("cannot open storage at " + root, e);
    }
  }

  private static void sweepTempFiles(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.getFileName().toString().startsWith(DurableFiles.TEMP_PREFIX)) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  Path blobPath(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex());
  }

  @Override
  public OptionalLong blobSize(Digest digest) {
    try {
      return OptionalLong.of(Files.size(blobPath(digest)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new StorageException("cannot stat blob " + digest, e);
    }
  }

  @Override
  public Optional<InputStream> readBlob(Digest digest, long offset) {
    return openBlobChannel(digest).map(channel -> {
      try {
        channel.position(offset);
        return Channels.newInputStream(channel);
      } catch (IOException e) {
        close(channel);
        throw new StorageException("cannot read blob " + digest, e);
      }
    });
  }

  @Override
  public Optional<FileChannel> openBlobChannel(Digest digest) {
    try {
      return Optional.of(FileChannel.open(blobPath(digest), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read blob " + digest, e);
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Reading already failed; that failure is the one reported.
    }
  }

  @Override
  public BlobWriter writeBlob(Digest digest) {
    return new FileBlobWriter(digest, blobPath(digest));
  }

  @Override
  public boolean deleteBlob(Digest digest) {
    try {
      return Files.deleteIfExists(blobPath(digest));
    } catch (IOException e) {
      throw new StorageException("cannot delete blob " + digest, e);
    }
  }

  @Override
  public void createUpload(String id) {
    uploads.create(id);
  }

  @Override
  public OptionalLong uploadSize(String id) {
    return uploads.size(id);
  }

  @Override
  public long appendUpload(String id, InputStream in, OptionalLong offset) {
    return uploads.append(id, in, offset);
  }

  @Override
  public void commitUpload(String id, Digest digest) {
    uploads.commit(id, digest);
  }

  @Override
  public boolean deleteUpload(String id) {
    return uploads.delete(id);
  }

  @Override
  public Optional<byte[]> readMetadata(String key) {
    try {
      return Optional.of(Files.readAllBytes(meta.resolve(MetadataKeys.check(key, false))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read " + key, e);
    }
  }

  @Override
  public void writeMetadata(String key, byte[] value) {
    try {
      DurableFiles.writeAtomically(meta.resolve(MetadataKeys.check(key, false)), value);
    } catch (IOException e) {
      throw new StorageException("cannot write " + key, e);
    }
  }

  @Override
  public boolean deleteMetadata(String key) {
    try {
      return Files.deleteIfExists(meta.resolve(MetadataKeys.check(key, false)));
    } catch (IOException e) {
      throw new StorageException("cannot delete " + key, e);
    }
  }

  @Override
  public List<String> listMetadata(String folder) {
    Path path = meta.resolve(MetadataKeys.check(folder, true));
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(DurableFiles.TEMP_PREFIX)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StorageException("cannot list " + folder, e);
    }
    names.sort(null);
    return names;
  }
}
