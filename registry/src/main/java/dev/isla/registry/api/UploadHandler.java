package dev.isla.registry.api;

import dev.isla.registry.oci.ContentRange;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.RepositoryName;
import dev.isla.registry.storage.BlobStore;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.driver.BlobVerificationException;
import dev.isla.registry.storage.driver.UploadOffsetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blob uploads (spec "Pushing blobs"): {@code POST .../blobs/uploads/} (session, monolithic
 * with {@code ?digest=}, cross-repository mount with {@code ?mount=&from=}), and on a session
 * {@code PATCH} (chunks, in order), {@code PUT ?digest=} (finish), {@code GET} (status),
 * {@code DELETE} (cancel).
 */
final class UploadHandler {

  private final BlobStore blobs;

  UploadHandler(BlobStore blobs) {
    this.blobs = blobs;
  }

  void start(Exchange exchange) {
    if (!exchange.method().equals("POST")) {
      throw Dispatcher.unsupported(exchange);
    }
    RepositoryId repository = exchange.repository();
    Optional<String> mount = exchange.query("mount");
    if (mount.isPresent() && mounted(exchange, repository, BlobHandler.digest(mount.get()))) {
      return;
    }
    Optional<String> digest = exchange.query("digest");
    if (digest.isPresent()) {
      Digest expected = BlobHandler.digest(digest.get());
      writeWhole(exchange, repository, expected);
      created(exchange, expected);
      return;
    }
    String id = blobs.startUpload(repository);
    exchange.response().status(202);
    progress(exchange, id, 0);
  }

  void session(Exchange exchange) {
    RepositoryId repository = exchange.repository();
    String id = exchange.route().parameter();
    long size = blobs.uploadSize(repository, id).orElseThrow(() ->
        RegistryErrorCode.BLOB_UPLOAD_UNKNOWN.exception("no upload " + id + " in "
            + repository.name()));
    switch (exchange.method()) {
      case "GET" -> {
        exchange.response().status(204);
        progress(exchange, id, size);
      }
      case "PATCH" -> {
        long newSize = append(exchange, repository, id);
        exchange.response().status(202);
        progress(exchange, id, newSize);
      }
      case "PUT" -> finish(exchange, repository, id);
      case "DELETE" -> {
        blobs.cancel(repository, id);
        exchange.response().status(204);
        exchange.response().send();
      }
      default -> throw Dispatcher.unsupported(exchange);
    }
  }

  private boolean mounted(Exchange exchange, RepositoryId repository, Digest digest) {
    Optional<String> from = exchange.query("from");
    if (from.isEmpty()) {
      return false;
    }
    RepositoryName source;
    try {
      source = RepositoryName.parse(from.get());
    } catch (IllegalArgumentException e) {
      throw RegistryErrorCode.NAME_INVALID.exception("invalid repository name '" + from.get()
          + "' in from");
    }
    RepositoryId sourceId = new RepositoryId(repository.registry(), source);
    if (blobs.size(sourceId, digest).isEmpty()) {
      return false;
    }
    blobs.link(repository, digest);
    created(exchange, digest);
    return true;
  }

  private long append(Exchange exchange, RepositoryId repository, String id) {
    OptionalLong offset = OptionalLong.empty();
    Optional<String> header = exchange.header("Content-Range");
    if (header.isPresent()) {
      ContentRange range;
      try {
        range = ContentRange.parse(header.get());
      } catch (IllegalArgumentException e) {
        throw new RegistryException(RegistryErrorCode.RANGE_INVALID,
            "Content-Range '" + header.get() + "' is not <start>-<end>", rangeHeaders(exchange,
                repository, id));
      }
      exchange.header("Content-Length").filter(l -> l.matches("\\d{1,18}")).map(Long::parseLong)
          .filter(length -> length != range.length()).ifPresent(length -> {
            throw new RegistryException(RegistryErrorCode.RANGE_INVALID, "Content-Range "
                + header.get() + " covers " + range.length() + " bytes, the body has " + length,
                rangeHeaders(exchange, repository, id));
          });
      offset = OptionalLong.of(range.start());
    }
    try (InputStream in = exchange.request().content().inputStream()) {
      return blobs.append(repository, id, in, offset);
    } catch (UploadOffsetException e) {
      throw new RegistryException(RegistryErrorCode.RANGE_INVALID, e.getMessage(),
          rangeHeaders(exchange, repository, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void finish(Exchange exchange, RepositoryId repository, String id) {
    Digest digest = BlobHandler.digest(exchange.query("digest").orElseThrow(() ->
        RegistryErrorCode.DIGEST_INVALID.exception("completing an upload needs ?digest=")));
    if (exchange.request().content().hasEntity()) {
      append(exchange, repository, id);
    }
    try {
      blobs.finish(repository, id, digest);
    } catch (BlobVerificationException e) {
      blobs.cancel(repository, id);
      throw RegistryErrorCode.DIGEST_INVALID.exception("the uploaded content does not have digest "
          + digest + "; the upload is cancelled");
    }
    created(exchange, digest);
  }

  private void writeWhole(Exchange exchange, RepositoryId repository, Digest digest) {
    try (InputStream in = exchange.request().content().inputStream()) {
      blobs.write(repository, digest, in);
    } catch (BlobVerificationException e) {
      throw RegistryErrorCode.DIGEST_INVALID.exception("the content does not have digest "
          + digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void created(Exchange exchange, Digest digest) {
    exchange.response().status(201);
    exchange.header("Location", exchange.route().repositoryPath() + "/blobs/" + digest);
    exchange.header("Docker-Content-Digest", digest.toString());
    exchange.header("Content-Length", "0");
    exchange.response().send();
  }

  private static void progress(Exchange exchange, String id, long size) {
    exchange.header("Location", exchange.route().repositoryPath() + "/blobs/uploads/" + id);
    exchange.header("Docker-Upload-UUID", id);
    exchange.header("Range", rangeOf(size));
    exchange.response().send();
  }

  private Map<String, String> rangeHeaders(Exchange exchange, RepositoryId repository,
      String id) {
    long size = blobs.uploadSize(repository, id).orElse(0);
    return Map.of("Location", exchange.route().repositoryPath() + "/blobs/uploads/" + id,
        "Range", rangeOf(size), "Docker-Upload-UUID", id);
  }

  /** Distribution's {@code Range} of an upload: {@code 0-<last byte>}, {@code 0-0} when empty. */
  static String rangeOf(long size) {
    return "0-" + Math.max(0, size - 1);
  }
}
