package dev.isla.controlplane.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** What every implementation stamps on a write, so they agree to the byte. */
final class Writes {

  private Writes() {}

  /**
   * Now, to the microsecond: the finest precision every backend keeps (PostgreSQL's timestamps
   * stop there), so a value reads back exactly as it was written.
   */
  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** A fresh opaque ETag, shaped like the ones Microsoft.Network serves. */
  static String newEtag() {
    return "W/\"" + UUID.randomUUID() + "\"";
  }

  /**
   * The body as it will read back: written to JSON text and parsed again. The in-memory store
   * does this too, so it can't hide a value that wouldn't survive the database.
   */
  static ObjectNode normalize(ObjectNode body) {
    return parseBody(Json.write(body));
  }

  /** Parses a stored body; anything but a JSON object is an {@link IllegalArgumentException}. */
  static ObjectNode parseBody(String text) {
    JsonNode node = Json.parse(text);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalArgumentException("a stored body must be a JSON object");
  }
}
