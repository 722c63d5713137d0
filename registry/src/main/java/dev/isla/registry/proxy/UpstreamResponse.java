package dev.isla.registry.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.OptionalLong;

/** An upstream answer whose body is still to be read; close it to release the connection. */
final class UpstreamResponse implements AutoCloseable {

  private final HttpURLConnection connection;
  private final int status;

  UpstreamResponse(HttpURLConnection connection, int status) {
    this.connection = connection;
    this.status = status;
  }

  int status() {
    return status;
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(connection.getHeaderField(name));
  }

  OptionalLong contentLength() {
    long length = connection.getContentLengthLong();
    return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
  }

  /** The body (the error body for statuses >= 400, possibly empty). */
  InputStream body() throws IOException {
    if (status >= 400) {
      InputStream error = connection.getErrorStream();
      return error == null ? InputStream.nullInputStream() : error;
    }
    return connection.getInputStream();
  }

  @Override
  public void close() {
    try {
      body().close();
    } catch (IOException e) {
      connection.disconnect();
    }
  }

  /** Drops the connection instead of returning it to the keep-alive pool. */
  void abort() {
    connection.disconnect();
  }
}
