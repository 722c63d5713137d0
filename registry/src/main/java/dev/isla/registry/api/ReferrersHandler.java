package dev.isla.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.registry.oci.Digest;
import dev.isla.registry.oci.MediaTypes;
import dev.isla.registry.storage.ManifestStore;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=]} (spec "Listing Referrers"): an
 * OCI index of the manifests whose {@code subject} is the digest — 200 with an empty list for
 * an unknown subject — filtered by artifact type with {@code OCI-Filters-Applied}.
 */
final class ReferrersHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManifestStore manifests;

  ReferrersHandler(ManifestStore manifests) {
    this.manifests = manifests;
  }

  void handle(Exchange exchange) {
    Dispatcher.requireRead(exchange);
    Digest subject = BlobHandler.digest(exchange.route().parameter());
    Optional<String> artifactType = exchange.query("artifactType").filter(t -> !t.isEmpty());
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode list = index.putArray("manifests");
    manifests.referrers(exchange.repository(), subject).stream()
        .filter(d -> artifactType.isEmpty()
            || artifactType.get().equals(d.path("artifactType").asText()))
        .forEach(list::add);
    artifactType.ifPresent(t -> exchange.header("OCI-Filters-Applied", "artifactType"));
    ListHandler.send(exchange, index, MediaTypes.OCI_INDEX);
  }
}
