package dev.isla.registry.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a manifest URL names: a tag ({@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}) or a digest.
 * Exactly one of {@link #tag()} and {@link #digest()} is present.
 */
public record Reference(Optional<String> tag, Optional<Digest> digest) {

  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public Reference {
    if (tag.isPresent() == digest.isPresent()) {
      throw new IllegalArgumentException("a reference is a tag or a digest");
    }
    tag.ifPresent(t -> {
      if (!TAG.matcher(t).matches()) {
        throw new IllegalArgumentException("invalid tag: " + t);
      }
    });
  }

  /** A digest when the text contains {@code :}, else a tag. */
  public static Reference parse(String text) {
    return text.contains(":") ? ofDigest(Digest.parse(text)) : ofTag(text);
  }

  public static Reference ofTag(String tag) {
    return new Reference(Optional.of(tag), Optional.empty());
  }

  public static Reference ofDigest(Digest digest) {
    return new Reference(Optional.empty(), Optional.of(digest));
  }

  /** Whether {@code text} is a valid tag. */
  public static boolean isTag(String text) {
    return TAG.matcher(text).matches();
  }

  @Override
  public String toString() {
    return tag.orElseGet(() -> digest.orElseThrow().toString());
  }
}
