package dev.isla.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Inputs made from valid seeds by a few random edits, the way a coverage-guided fuzzer's mutator
 * works: insert, delete, replace or duplicate a span, or splice in a token of the grammar under
 * test (a separator, a keyword, an escape, a control character). Mutants stay close to valid
 * input, so they reach the checks behind the first syntax test.
 */
public final class Mutations {

  /** Tokens worth trying in any text grammar. */
  public static final List<String> COMMON_TOKENS = List.of("/", "//", ".", "..", "../", "%2e",
      "%2E%2E", "%2f", "%00", "\\", "\u0000", " ", "\t", "\n", "\r\n", ":", "@", "?", "#", "&",
      "=", "-", "_", "*", "\"", "'", "{", "}", "[", "]", ",", "0", "-1", "99999999999999999999",
      "\u00e9", "\u0130", "\u212a", "\ud83d\ude00", "\ud800", "A".repeat(300));

  private Mutations() {}

  /** Strings derived from {@code seeds} by 1–8 edits drawing on {@code tokens}. */
  public static Arbitrary<String> of(List<String> seeds, List<String> tokens) {
    List<String> all = new ArrayList<>(tokens);
    all.addAll(COMMON_TOKENS);
    return Arbitraries.longs().map(seed -> mutate(new Random(seed), seeds, all))
        .withoutEdgeCases();
  }

  static String mutate(Random random, List<String> seeds, List<String> tokens) {
    StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
    int edits = 1 + random.nextInt(8);
    for (int i = 0; i < edits; i++) {
      int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
      int end = Math.min(text.length(), at + random.nextInt(8));
      switch (random.nextInt(5)) {
        case 0 -> text.insert(at, tokens.get(random.nextInt(tokens.size())));
        case 1 -> text.delete(at, end);
        case 2 -> text.replace(at, end, tokens.get(random.nextInt(tokens.size())));
        case 3 -> text.insert(at, text.substring(at, end));
        default -> {
          if (at < text.length()) {
            text.setCharAt(at, (char) random.nextInt(0x80));
          }
        }
      }
    }
    return text.toString();
  }
}
