package dev.isla.registry.oci;

import java.util.regex.Pattern;

/**
 * A repository name per the OCI distribution spec grammar: path components of lower-case
 * alphanumerics separated by {@code .}, {@code _}, {@code __} or dashes, joined by {@code /}.
 * The grammar already excludes {@code ..}, absolute paths, empty components and percent
 * escapes, so a valid name is safe as a storage path.
 */
public record RepositoryName(String value) {

  /** Distribution's limit on the whole name. */
  public static final int MAX_LENGTH = 255;

  private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
  private static final Pattern NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

  public RepositoryName {
    if (value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid repository name: " + value);
    }
  }

  public static RepositoryName parse(String text) {
    return new RepositoryName(text);
  }

  /** Whether this name is {@code prefix} or lies below it ({@code prefix/...}). */
  public boolean isUnder(String prefix) {
    return value.equals(prefix) || value.startsWith(prefix + "/");
  }

  @Override
  public String toString() {
    return value;
  }
}
