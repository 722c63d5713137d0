package dev.isla.nodes.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes a {@code Transfer-Encoding: chunked} body (RFC 9112 §7.1); trailers are skipped. */
final class ChunkedInputStream extends InputStream {

  private final InputStream in;
  private long remaining;
  private boolean done;

  ChunkedInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (remaining == 0 && !nextChunk()) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("the connection closed inside a chunk");
    }
    remaining -= n;
    if (remaining == 0) {
      HttpWire.readLine(in);
    }
    return n;
  }

  private boolean nextChunk() throws IOException {
    String line = HttpWire.readLine(in);
    int ext = line.indexOf(';');
    String size = (ext >= 0 ? line.substring(0, ext) : line).trim();
    try {
      remaining = Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size: '" + size + "'");
    }
    if (remaining < 0) {
      throw new IOException("malformed chunk size: '" + size + "'");
    }
    if (remaining == 0) {
      while (!HttpWire.readLine(in).isEmpty()) {
        // trailer fields are not used
      }
      done = true;
      return false;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
