package dev.isla.launcher;

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
 */
public record IslaConfig(Path dataDir, String host, int armPort, Duration operationDelay, Duration featureDelay) {

  public IslaConfig {
    dataDir = Objects.requireNonNull(dataDir).toAbsolutePath().normalize();
    Objects.requireNonNull(host);
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
