package dev.isla.controlplane.store;

import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The process {@link SqliteCrashIT} kills: commits resources {@code first, first + 1, …} one per
 * transaction and prints each number once its transaction has returned. It stops by itself
 * after {@code count} resources or {@value #MAX_SECONDS} seconds, so it never outlives a broken
 * test.
 *
 * <p>Arguments: data folder, first number, count.
 */
public final class SqliteCrashChild {

  static final int MAX_SECONDS = 30;

  private SqliteCrashChild() {}

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    int first = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(MAX_SECONDS));
    try (SqliteResourceStore store = SqliteResourceStore.open(folder)) {
      for (int n = first; n < first + count && Instant.now().isBefore(deadline); n++) {
        int number = n;
        store.transaction(tx -> tx.put(id(number), "Microsoft.Test/things",
            Json.object().put("n", number).put("padding", "x".repeat(number % 2000))));
        System.out.println(n);
        System.out.flush();
      }
    }
  }

  static ResourceId id(int n) {
    return ResourceId.of("sub1", "rg", "Microsoft.Test", "things", "t" + n);
  }
}
