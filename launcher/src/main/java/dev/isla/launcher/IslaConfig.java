package dev.isla.launcher;

import dev.isla.registry.proxy.UpstreamMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one Isla instance: where its data lives and what it listens on.
 *
 * @param dataDir the data folder (database, logs, state file)
 * @param host the address to bind; loopback by default
 * @param armPort the ARM port; 0 picks a free one
 * @param operationDelay minimum duration of a long-running operation
 * @param featureDelay how long a feature flag stays Registering
 * @param upstreams where cache rules' source registries are reached ({@code --upstream
 *     host=url}); {@code mcr.microsoft.com} defaults to Isla's stand-in, any other host to
 *     {@code https://<host>}
 */
public record IslaConfig(Path dataDir, String host, int armPort, Duration operationDelay,
    Duration featureDelay, UpstreamMap upstreams) {

  /** A configuration with the default upstreams (the MCR stand-in; others at their own host). */
  public IslaConfig(Path dataDir, String host, int armPort, Duration operationDelay, Duration featureDelay) {
    this(dataDir, host, armPort, operationDelay, featureDelay, UpstreamMap.direct());
  }

  public IslaConfig {
    dataDir = Objects.requireNonNull(dataDir).toAbsolutePath().normalize();
    Objects.requireNonNull(host);
    Objects.requireNonNull(upstreams);
    if (armPort < 0 || armPort > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + armPort);
    }
    if (operationDelay.isNegative() || featureDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The default data folder: {@code $ISLA_DATA}, else {@code ~/.isla}. */
  static Path defaultDataDir() {
    String env = System.getenv("ISLA_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".isla");
  }
}
