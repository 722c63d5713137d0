package dev.isla.nodes.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A body of {@code Content-Length} bytes: ends there; a connection closed earlier is an error. */
final class LimitedInputStream extends InputStream {

  private final InputStream in;
  private long remaining;

  LimitedInputStream(InputStream in, long length) {
    this.in = in;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("the connection closed with " + remaining + " body bytes missing");
    }
    remaining -= n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
