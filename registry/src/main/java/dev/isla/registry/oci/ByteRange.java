package dev.isla.registry.oci;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a blob, inclusive at both ends (RFC 9110 §14.1.2), resolved
 * against the blob's size. Built from a {@code Range} request header by {@link #parse}.
 */
public record ByteRange(long start, long end, long size) {

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  public ByteRange {
    if (start < 0 || end < start || end >= size) {
      throw new IllegalArgumentException("invalid range " + start + "-" + end + "/" + size);
    }
  }

  /** Outcome of resolving a {@code Range} header against a blob. */
  public sealed interface Resolution {}

  /** No range applies (absent, malformed or multi-range header): send the whole blob. */
  public record Whole() implements Resolution {}

  /** Send this part with 206. */
  public record Part(ByteRange range) implements Resolution {}

  /** The range lies outside the blob: 416. */
  public record Unsatisfiable() implements Resolution {}

  /**
   * Resolves {@code header} against a blob of {@code size} bytes. Syntax the server does not
   * understand is ignored, as RFC 9110 allows; an end past the blob is clamped to its last byte.
   */
  public static Resolution parse(Optional<String> header, long size) {
    Matcher m = header.map(h -> SINGLE.matcher(h.trim())).orElse(null);
    if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          return new Unsatisfiable();
        }
        return new Part(new ByteRange(Math.max(0, size - suffix), size - 1, size));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
      if (first >= size || last < first) {
        return new Unsatisfiable();
      }
      return new Part(new ByteRange(first, Math.min(last, size - 1), size));
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }

  public long length() {
    return end - start + 1;
  }

  /** The {@code Content-Range} response value. */
  public String contentRange() {
    return "bytes " + start + "-" + end + "/" + size;
  }
}
