package dev.isla.registry.api;

import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.oci.Reference;
import dev.isla.registry.storage.ContentSource;
import dev.isla.registry.storage.ContentSources;
import dev.isla.registry.storage.ManifestStore;
import dev.isla.registry.storage.RepositoryId;
import dev.isla.registry.storage.StoredManifest;
import dev.isla.registry.storage.TagStore;
import io.helidon.http.HeaderNames;
import java.util.List;

/**
 * {@code /v2/<name>/manifests/<reference>}: GET and HEAD (bytes exactly as pushed, with their
 * {@code Content-Type}), PUT ({@link ManifestPush}), DELETE by tag (untag) or digest.
 */
final class ManifestHandler {

  private final ManifestStore manifests;
  private final TagStore tags;
  private final ContentSources sources;
  private final ManifestPush push;

  ManifestHandler(ManifestStore manifests, TagStore tags, ContentSources sources,
      ManifestPush push) {
    this.manifests = manifests;
    this.tags = tags;
    this.sources = sources;
    this.push = push;
  }

  void handle(Exchange exchange) {
    switch (exchange.method()) {
      case "GET", "HEAD" -> serve(exchange, reference(exchange.route().parameter()));
      case "PUT" -> push.push(exchange, reference(exchange.route().parameter()));
      case "DELETE" -> delete(exchange, reference(exchange.route().parameter()));
      default -> throw Dispatcher.unsupported(exchange);
    }
  }

  static Reference reference(String text) {
    try {
      return Reference.parse(text);
    } catch (IllegalArgumentException e) {
      if (text.contains(":")) {
        throw RegistryErrorCode.DIGEST_INVALID.exception("'" + text
            + "' is not a supported digest (sha256:<64 hex> or sha512:<128 hex>)");
      }
      throw RegistryErrorCode.MANIFEST_INVALID.exception("'" + text + "' is not a valid tag");
    }
  }

  private void serve(Exchange exchange, Reference reference) {
    RepositoryId repository = exchange.repository();
    ContentSource source = sources.forRepository(exchange.registry(), repository);
    StoredManifest manifest = source.manifest(repository, reference)
        .orElseThrow(() -> unknown(repository, reference));
    manifest = negotiate(exchange, source, repository, manifest);
    exchange.header("Content-Type", manifest.contentType());
    exchange.header("Docker-Content-Digest", manifest.digest().toString());
    exchange.header("Content-Length", Integer.toString(manifest.bytes().length));
    exchange.header("ETag", "\"" + manifest.digest() + "\"");
    if (manifest.fromUpstream()) {
      exchange.header("X-Azure-Origin", "upstream");
    }
    if (exchange.isHead()) {
      exchange.response().send();
    } else {
      exchange.response().send(manifest.bytes());
    }
  }

  /**
   * Distribution's negotiation: a client whose {@code Accept} names manifest types but neither
   * index type gets the linux/amd64 image of an index instead (old Docker clients); with no
   * {@code Accept}, or one that takes indexes or anything, the stored manifest as is.
   */
  private static StoredManifest negotiate(Exchange exchange, ContentSource source,
      RepositoryId repository, StoredManifest manifest) {
    List<String> accepted = exchange.headerValues(HeaderNames.ACCEPT).stream()
        .map(MediaTypes::bare).toList();
    if (!MediaTypes.isIndex(manifest.contentType()) || accepted.isEmpty()
        || accepted.contains("*/*") || accepted.contains(MediaTypes.bare(manifest.contentType()))
        || accepted.stream().noneMatch(a -> a.equals(MediaTypes.OCI_MANIFEST)
            || a.equals(MediaTypes.DOCKER_MANIFEST))) {
      return manifest;
    }
    Digest child = Accepts.defaultPlatform(manifest).orElseThrow(() ->
        RegistryErrorCode.MANIFEST_UNKNOWN.exception("the manifest is an index without a "
            + "linux/amd64 image, and the Accept header does not accept indexes"));
    return source.manifest(repository, Reference.ofDigest(child)).filter(m -> accepted.contains(
            MediaTypes.bare(m.contentType())))
        .orElseThrow(() -> RegistryErrorCode.MANIFEST_UNKNOWN.exception("the manifest is an "
            + "index and its linux/amd64 image is not available in an accepted type"));
  }

  private void delete(Exchange exchange, Reference reference) {
    RepositoryId repository = exchange.repository();
    boolean deleted = reference.tag()
        .map(tag -> tags.untag(repository, tag))
        .orElseGet(() -> {
          Digest digest = reference.digest().orElseThrow();
          tags.untagDigest(repository, digest);
          return manifests.delete(repository, digest);
        });
    if (!deleted) {
      throw unknown(repository, reference);
    }
    exchange.response().status(202);
    exchange.response().send();
  }

  private static RegistryException unknown(RepositoryId repository, Reference reference) {
    return RegistryErrorCode.MANIFEST_UNKNOWN.exception("manifest " + reference
        + " is not in " + repository.name());
  }
}
