package dev.isla.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running Isla instance tells other processes about itself, in {@code isla.json} in its
 * data folder: written atomically once it serves, removed when it stops cleanly. A file whose
 * process is gone (a crash, {@code kill -9}) is stale and ignored.
 *
 * @param pid the server process
 * @param armUrl the ARM endpoint, e.g. {@code http://127.0.0.1:41234}
 * @param subscriptionId the cloud's subscription
 * @param tenantId the cloud's tenant
 * @param startedAt when it started serving
 * @param registryUrl the registry listener, serving every registry by {@code Host}
 * @param dns the DNS server's public view, {@code host:port}
 * @param mcrUrl the MCR stand-in
 * @param adminUrl the operator endpoints {@code isla dns|fabric|mcr} use (loopback, not Azure)
 * @param armHttpsUrl ARM over TLS (tokens required), also the login authority's host
 * @param caBundle system CAs plus Isla's, PEM, for {@code REQUESTS_CA_BUNDLE}
 * @param truststore the same trust in PKCS12 for Java clients
 * @param credentials the built-in service principal's credentials file ({@code 0600})
 * @param registryHttpsUrl the registry's TLS listener, every registry by {@code Host} and SNI
 *     (certificate from Isla's CA covering {@code *.azurecr.io}, the data endpoints,
 *     {@code localhost} and {@code 127.0.0.1})
 * @param caRoot Isla's CA certificate alone, PEM ({@code ca/root.pem}): what containerd's
 *     {@code hosts.toml} {@code ca} and skopeo's cert dirs need
 * @param msiEndpoint the host's managed-identity token URL, for {@code MSI_ENDPOINT}
 * @param proxyUrl the host's {@code CONNECT} proxy to the registries, for {@code HTTPS_PROXY}
 */
public record InstanceState(long pid, String armUrl, String subscriptionId, String tenantId,
    Instant startedAt, String registryUrl, String dns, String mcrUrl, String adminUrl,
    String armHttpsUrl, String caBundle, String truststore, String credentials,
    String registryHttpsUrl, String caRoot, String msiEndpoint, String proxyUrl) {

  static final String FILE = "isla.json";

  /** Writes the state file atomically (temp file + rename). */
  void write(Path dataDir) {
    ObjectNode node = Json.object();
    node.put("pid", pid);
    node.put("armUrl", armUrl);
    node.put("subscriptionId", subscriptionId);
    node.put("tenantId", tenantId);
    node.put("startedAt", startedAt.toString());
    node.put("registryUrl", registryUrl);
    node.put("dns", dns);
    node.put("mcrUrl", mcrUrl);
    node.put("adminUrl", adminUrl);
    node.put("armHttpsUrl", armHttpsUrl);
    node.put("loginUrl", armHttpsUrl + "/adfs");
    node.put("caBundle", caBundle);
    node.put("truststore", truststore);
    node.put("credentials", credentials);
    node.put("registryHttpsUrl", registryHttpsUrl);
    node.put("caRoot", caRoot);
    node.put("msiEndpoint", msiEndpoint);
    node.put("proxyUrl", proxyUrl);
    Path target = dataDir.resolve(FILE);
    Path tmp = dataDir.resolve(FILE + ".tmp");
    try {
      Files.writeString(tmp, Json.pretty(node) + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** The state of the instance serving {@code dataDir}, if one is alive. */
  static Optional<InstanceState> readLive(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      InstanceState state = new InstanceState(node.path("pid").asLong(), node.path("armUrl").asText(),
          node.path("subscriptionId").asText(), node.path("tenantId").asText(),
          Instant.parse(node.path("startedAt").asText()), node.path("registryUrl").asText(),
          node.path("dns").asText(), node.path("mcrUrl").asText(),
          node.path("adminUrl").asText(), node.path("armHttpsUrl").asText(),
          node.path("caBundle").asText(), node.path("truststore").asText(),
          node.path("credentials").asText(), node.path("registryHttpsUrl").asText(),
          node.path("caRoot").asText(), node.path("msiEndpoint").asText(),
          node.path("proxyUrl").asText());
      boolean alive = ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(state) : Optional.empty();
    } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Removes the state file (on clean shutdown). */
  static void remove(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(FILE));
    } catch (IOException e) {
      // A leftover file is harmless: readers check that its process is alive.
    }
  }
}
