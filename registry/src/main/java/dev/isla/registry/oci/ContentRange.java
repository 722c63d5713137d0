package dev.isla.registry.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of an upload chunk ({@code <start>-<end>}, inclusive, as the
 * distribution spec writes it; the RFC form {@code bytes <start>-<end>/<total|*>} is accepted
 * too).
 */
public record ContentRange(long start, long end) {

  private static final Pattern RANGE =
      Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d{1,18}|\\*))?");

  public ContentRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid content range " + start + "-" + end);
    }
  }

  public static ContentRange parse(String text) {
    Matcher m = RANGE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid content range: " + text);
    }
    return new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  public long length() {
    return end - start + 1;
  }
}
