package dev.isla.registry.storage.driver;

import java.util.regex.Pattern;

/** The metadata key grammar both drivers enforce, so no key can leave the driver's root. */
final class MetadataKeys {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_:+@=-][A-Za-z0-9._:+@=-]*");

  private MetadataKeys() {}

  /** Returns {@code key} when every segment is valid (folders may be empty: the root). */
  static String check(String key, boolean allowRoot) {
    if (allowRoot && key.isEmpty()) {
      return key;
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("invalid metadata key: " + key);
      }
    }
    return key;
  }
}
