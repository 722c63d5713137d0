package dev.isla.registry.storage.driver;

import dev.isla.registry.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/** A blob written to a temp file beside its final path, renamed into place once verified. */
final class FileBlobWriter implements BlobWriter {

  private final Digest digest;
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final MessageDigest hasher;
  private volatile long written;
  private boolean finished;

  FileBlobWriter(Digest digest, Path target) {
    this.digest = digest;
    this.target = target;
    this.hasher = digest.newHasher();
    try {
      this.temp = DurableFiles.tempIn(target.getParent());
      this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new StorageException("cannot start writing blob " + digest, e);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      close();
      throw new StorageException("writing blob " + digest + " failed", e);
    }
    hasher.update(bytes, offset, length);
    written += length;
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public int readWritten(long position, byte[] target, int offset, int length) {
    int wanted = (int) Math.min(length, written - position);
    if (wanted <= 0) {
      return 0;
    }
    ByteBuffer buffer = ByteBuffer.wrap(target, offset, wanted);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position() - offset) < 0) {
          break;
        }
      }
    } catch (IOException e) {
      throw new StorageException("reading blob " + digest + " in progress failed", e);
    }
    return buffer.position() - offset;
  }

  @Override
  public void commit() {
    finished = true;
    try (channel) {
      if (!digest.matches(hasher)) {
        Files.deleteIfExists(temp);
        throw new BlobVerificationException("the bytes written do not have digest " + digest);
      }
      channel.force(true);
    } catch (IOException e) {
      deleteTemp();
      throw new StorageException("syncing blob " + digest + " failed", e);
    }
    try {
      DurableFiles.publish(temp, target);
    } catch (IOException e) {
      deleteTemp();
      throw new StorageException("publishing blob " + digest + " failed", e);
    }
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a file we only wrote to: nothing left to lose.
    }
    deleteTemp();
  }

  private void deleteTemp() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
