package dev.isla.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's own state in {@code AZURE_CONFIG_DIR} (default {@code ~/.azure-isla}):
 * {@code azureProfile.json} holds the accounts {@code az login} found and the one
 * {@code az account set} chose, each remembered with the ARM endpoint it came from so that a
 * profile never leaks into another local cloud; {@code extensions.json} lists what
 * {@code az extension add} recorded.
 */
public final class AzureProfile {

  private final Path dir;

  public AzureProfile(Path dir) {
    this.dir = dir;
  }

  /** The config directory named by the environment. */
  public static AzureProfile fromEnvironment(Map<String, String> env) {
    String configured = env.get("AZURE_CONFIG_DIR");
    if (configured != null && !configured.isBlank()) {
      return new AzureProfile(Path.of(configured));
    }
    return new AzureProfile(Path.of(System.getProperty("user.home"), ".azure-isla"));
  }

  /** The stored profile, or an empty one. */
  public ObjectNode profile() {
    return readObject("azureProfile.json");
  }

  /** Replaces the stored subscriptions list. */
  public void saveSubscriptions(ArrayNode subscriptions) {
    ObjectNode profile = profile();
    profile.set("subscriptions", subscriptions);
    write("azureProfile.json", profile);
  }

  /** The default subscription stored for this ARM endpoint, if any. */
  public Optional<JsonNode> defaultSubscription(String armUrl) {
    for (JsonNode sub : profile().path("subscriptions")) {
      if (sub.path("isDefault").asBoolean() && armUrl.equals(sub.path("islaArmUrl").asText())) {
        return Optional.of(sub);
      }
    }
    return Optional.empty();
  }

  /** The recorded extensions. */
  public ObjectNode extensions() {
    return readObject("extensions.json");
  }

  public void saveExtensions(ObjectNode extensions) {
    write("extensions.json", extensions);
  }

  private ObjectNode readObject(String file) {
    Path path = dir.resolve(file);
    if (!Files.isRegularFile(path)) {
      return Json.object();
    }
    try {
      JsonNode node = Json.parse(Files.readString(path, StandardCharsets.UTF_8));
      return node.isObject() ? (ObjectNode) node : Json.object();
    } catch (IOException | IllegalArgumentException e) {
      return Json.object();
    }
  }

  private void write(String file, JsonNode content) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), Json.pretty(content), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("Cannot write " + dir.resolve(file) + ": " + e.getMessage());
    }
  }
}
