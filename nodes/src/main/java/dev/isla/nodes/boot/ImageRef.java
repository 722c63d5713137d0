package dev.isla.nodes.boot;

import java.util.regex.Pattern;

/**
 * An MCR-relative image or artifact reference, e.g. {@code oss/v2/kubernetes/pause:3.10.2} or
 * {@code …@sha256:<hex>}: the repository path below the registry and a tag or digest.
 */
public record ImageRef(String repository, String reference) {

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
  private static final Pattern REFERENCE =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[a-f0-9]{64}");

  public ImageRef {
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("not a repository name: " + repository);
    }
    if (!REFERENCE.matcher(reference).matches()) {
      throw new IllegalArgumentException("not a tag or digest: " + reference);
    }
  }

  /** Parses {@code repo:tag} or {@code repo@sha256:…}. */
  public static ImageRef parse(String text) {
    int at = text.indexOf('@');
    if (at > 0) {
      return new ImageRef(text.substring(0, at), text.substring(at + 1));
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || text.indexOf('/', colon) >= 0) {
      throw new IllegalArgumentException("no tag in " + text);
    }
    return new ImageRef(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The last path element, e.g. {@code pause}. */
  public String shortName() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
  }
}
