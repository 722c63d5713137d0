package dev.isla.registry.api;

import dev.isla.registry.oci.ByteRange;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.storage.BlobContent;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.ContentSources;
import dev.isla.registry.storage.RepositoryId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code /v2/<name>/blobs/<digest>}: GET and HEAD (with {@code Range}), DELETE. */
final class BlobHandler {

  private static final int BUFFER = 256 * 1024;

  private final BlobStore blobs;
  private final ContentSources sources;
  private final DownloadLinks links;

  BlobHandler(BlobStore blobs, ContentSources sources, DownloadLinks links) {
    this.blobs = blobs;
    this.sources = sources;
    this.links = links;
  }

  void handle(Exchange exchange) {
    Digest digest = digest(exchange.route().parameter());
    RepositoryId repository = exchange.repository();
    switch (exchange.method()) {
      case "GET", "HEAD" -> {
        if (!redirected(exchange, repository, digest)) {
          serve(exchange, digest, sources.forRepository(exchange.registry(), repository)
              .blob(repository, digest));
        }
      }
      case "DELETE" -> {
        if (!blobs.unlink(repository, digest)) {
          throw RegistryErrorCode.BLOB_UNKNOWN.exception("blob " + digest + " is not in "
              + repository.name());
        }
        exchange.response().status(202);
        exchange.header("Content-Length", "0");
        exchange.response().send();
      }
      default -> throw Dispatcher.unsupported(exchange);
    }
  }

  /**
   * Answers a download on the login server of a registry with data endpoints with a redirect
   * to the data endpoint. Only stored blobs are redirected: a blob still to be fetched through
   * a cache rule is streamed by the login server, so the upstream fetch starts once, here.
   */
  private boolean redirected(Exchange exchange, RepositoryId repository, Digest digest) {
    if (blobs.size(repository, digest).isEmpty()) {
      return false;
    }
    Optional<String> location = links.redirect(exchange, digest);
    location.ifPresent(url -> {
      exchange.response().status(307);
      exchange.header("Location", url);
      exchange.header("Content-Length", "0");
      exchange.response().send();
    });
    return location.isPresent();
  }

  static Digest digest(String text) {
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw RegistryErrorCode.DIGEST_INVALID.exception("'" + text
          + "' is not a supported digest (sha256:<64 hex> or sha512:<128 hex>)");
    }
  }

  private static void serve(Exchange exchange, Digest digest, Optional<BlobContent> found) {
    BlobContent blob = found.orElseThrow(() -> RegistryErrorCode.BLOB_UNKNOWN.exception(
        "blob " + digest + " is not in " + exchange.route().repository().orElseThrow()));
    exchange.header("Docker-Content-Digest", digest.toString());
    exchange.header("Content-Type", "application/octet-stream");
    exchange.header("Accept-Ranges", "bytes");
    if (blob.fromUpstream()) {
      exchange.header("X-Azure-Origin", "upstream");
    }
    OptionalLong size = blob.size();
    ByteRange.Resolution range = size.isPresent()
        ? ByteRange.parse(exchange.header("Range"), size.getAsLong()) : new ByteRange.Whole();
    switch (range) {
      case ByteRange.Unsatisfiable u -> throw new RegistryException(
          RegistryErrorCode.RANGE_NOT_SATISFIABLE, "the blob has " + size.getAsLong() + " bytes",
          java.util.Map.of("Content-Range", "bytes */" + size.getAsLong()));
      case ByteRange.Part part -> {
        exchange.response().status(206);
        exchange.header("Content-Range", part.range().contentRange());
        send(exchange, blob, part.range().start(), OptionalLong.of(part.range().length()));
      }
      case ByteRange.Whole w -> send(exchange, blob, 0, size);
    }
  }

  private static void send(Exchange exchange, BlobContent blob, long offset, OptionalLong length) {
    length.ifPresent(l -> exchange.header("Content-Length", Long.toString(l)));
    if (exchange.isHead()) {
      exchange.response().send();
      return;
    }
    if (length.isPresent() && sentFromFile(exchange, blob, offset, length.getAsLong())) {
      return;
    }
    // The stream is closed only after a complete copy: closing it after a failure would end
    // the response normally and hide the failure from the client.
    OutputStream out = exchange.response().outputStream();
    try (InputStream in = blob.open(offset)) {
      copy(in, out, length.orElse(Long.MAX_VALUE));
      out.close();
    } catch (IOException | RuntimeException e) {
      throw new StreamAbortedException(e);
    }
  }

  /** Sends a committed blob with sendfile when the connection allows it; false if not sent. */
  private static boolean sentFromFile(Exchange exchange, BlobContent blob, long offset,
      long length) {
    Optional<ZeroCopySend> sender = ZeroCopySend.available();
    if (sender.isEmpty()) {
      return false;
    }
    Optional<FileChannel> file = blob.openChannel();
    if (file.isEmpty()) {
      return false;
    }
    try (FileChannel channel = file.orElseThrow()) {
      return sender.orElseThrow().send(exchange.response(), channel, offset, length);
    } catch (IOException | RuntimeException e) {
      throw new StreamAbortedException(e);
    }
  }

  private static void copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = limit;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        if (limit != Long.MAX_VALUE) {
          throw new IOException("the blob ended " + left + " bytes early");
        }
        return;
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
