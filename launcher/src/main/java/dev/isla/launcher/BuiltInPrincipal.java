package dev.isla.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Caller;
import dev.isla.controlplane.rp.authorization.BuiltInRoles;
import dev.isla.identity.OwnerOnlyFiles;
import dev.isla.identity.principal.SecretHash;
import dev.isla.identity.principal.ServicePrincipal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The service principal every data folder gets at its first start, Owner of the subscription,
 * so that real clients (the Azure CLI, the SDKs) can log in. Two files:
 * <ul>
 *   <li>{@code <data>/identity/builtin-sp.json} — what the server keeps: ids and the secret's
 *       PBKDF2 hash (never the secret);
 *   <li>{@code <data>/credentials/isla-sp.json} ({@code 0600}, folder {@code 0700}) — the
 *       secret handed to the user, once: {@code clientId}, {@code clientSecret}, {@code tenantId},
 *       {@code subscriptionId}. Isla never reads it back nor logs it.
 * </ul>
 */
record BuiltInPrincipal(ServicePrincipal principal, Path credentials) {

  static final String DISPLAY_NAME = "isla-builtin";

  /** Loads the data folder's principal, creating it (and its credentials file) the first time. */
  static BuiltInPrincipal open(Path dataDir, String tenantId, String subscriptionId) {
    Path stored = OwnerOnlyFiles.folder(dataDir.resolve("identity")).resolve("builtin-sp.json");
    Path credentials = credentialsFile(dataDir);
    if (Files.isRegularFile(stored)) {
      JsonNode node = Json.parse(read(stored));
      return new BuiltInPrincipal(new ServicePrincipal(node.path("clientId").asText(),
          node.path("objectId").asText(), node.path("tenantId").asText(), DISPLAY_NAME,
          SecretHash.parse(node.path("secretHash").asText())), credentials);
    }
    String secret = newSecret();
    ServicePrincipal principal = new ServicePrincipal(UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), tenantId, DISPLAY_NAME, SecretHash.of(secret));
    OwnerOnlyFiles.folder(credentials.getParent());
    ObjectNode handed = Json.object().put("clientId", principal.clientId())
        .put("clientSecret", secret).put("tenantId", tenantId)
        .put("subscriptionId", subscriptionId).put("objectId", principal.objectId());
    OwnerOnlyFiles.write(credentials, (Json.pretty(handed) + "\n").getBytes(StandardCharsets.UTF_8));
    ObjectNode kept = Json.object().put("clientId", principal.clientId())
        .put("objectId", principal.objectId()).put("tenantId", tenantId)
        .put("secretHash", principal.secret().text());
    OwnerOnlyFiles.write(stored, (Json.pretty(kept) + "\n").getBytes(StandardCharsets.UTF_8));
    return new BuiltInPrincipal(principal, credentials);
  }

  /**
   * Makes the principal Owner of the subscription, once: the assignment's name is derived from
   * the principal, so later starts find it (and a user who deleted it gets it back).
   */
  void grantOwner(Arm arm, String subscriptionId) {
    String name = UUID.nameUUIDFromBytes(("isla-builtin-owner:" + principal.objectId())
        .getBytes(StandardCharsets.UTF_8)).toString();
    ResourceId id = ResourceId.parse("/subscriptions/" + subscriptionId
        + "/providers/Microsoft.Authorization/roleAssignments/" + name);
    if (arm.find(id).isPresent()) {
      return;
    }
    ObjectNode body = Json.object();
    body.putObject("properties")
        .put("roleDefinitionId", BuiltInRoles.OWNER.idIn(subscriptionId))
        .put("principalId", principal.objectId())
        .put("principalType", "ServicePrincipal")
        .put("description", "Isla's built-in service principal (" + DISPLAY_NAME + ")");
    arm.writeAndWait(Arm.Write.put(id, body).by(caller()));
  }

  /** The principal as ARM records a caller: an application, by its client id. */
  Caller caller() {
    return new Caller(principal.objectId(), principal.clientId(), Caller.Type.Application);
  }

  /** {@code <data>/credentials/isla-sp.json}. */
  static Path credentialsFile(Path dataDir) {
    return dataDir.resolve("credentials").resolve("isla-sp.json");
  }

  /**
   * 32 random bytes in hex: no character a shell, a form or az's argument parser would mangle
   * (a Base64 secret may start with {@code -}, which {@code az login -p} takes for an option).
   */
  private static String newSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
