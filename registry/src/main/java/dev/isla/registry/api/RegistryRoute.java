package dev.isla.registry.api;

import dev.isla.registry.oci.RepositoryName;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry request path taken apart: the API root ({@code /v2}, or {@code /<prefix>/v2} as
 * containerd sends for a mirror host with a path, research/registry.md §0 item 6), the endpoint
 * kind, the repository (the prefix joins the name: {@code /aks-managed-repository/v2/oss/pause}
 * is repository {@code aks-managed-repository/oss/pause}) and the last path parameter. In path
 * mode ({@link #selectingRegistry()}) the first component of the name chose the registry and is
 * kept apart as {@code selector}: the repository is the rest, clients still see the whole name.
 */
public record RegistryRoute(Kind kind, String apiRoot, Optional<RepositoryName> repository,
    String parameter, Optional<String> selector) {

  /** A route whose registry was chosen by host. */
  public RegistryRoute(Kind kind, String apiRoot, Optional<RepositoryName> repository,
      String parameter) {
    this(kind, apiRoot, repository, parameter, Optional.empty());
  }

  /** The endpoint families of the distribution spec. */
  public enum Kind { BASE, CATALOG, TAGS, MANIFEST, BLOB, UPLOADS, UPLOAD, REFERRERS }

  private static final Pattern ROOT = Pattern.compile("((?:/[^/]+)*?)/v2(/.*)?");
  private static final Pattern MANIFEST = Pattern.compile("/(.+)/manifests/([^/]+)");
  private static final Pattern UPLOAD = Pattern.compile("/(.+)/blobs/uploads/([^/]*)");
  private static final Pattern BLOB = Pattern.compile("/(.+)/blobs/([^/]+)");
  private static final Pattern TAGS = Pattern.compile("/(.+)/tags/list");
  private static final Pattern REFERRERS = Pattern.compile("/(.+)/referrers/([^/]+)");

  /**
   * Parses a raw (still percent-encoded) request path.
   *
   * @throws RegistryException {@code NAME_INVALID} for a bad repository name (this covers
   *     traversal attempts: {@code ..}, {@code %2e%2e}, empty segments), {@code NAME_UNKNOWN}
   *     for a path outside the API
   */
  public static RegistryRoute parse(String rawPath) {
    Matcher root = ROOT.matcher(rawPath);
    if (!root.matches()) {
      throw RegistryErrorCode.NAME_UNKNOWN.exception("no registry API at " + rawPath);
    }
    String prefix = root.group(1);
    String rest = root.group(2) == null ? "" : root.group(2);
    String apiRoot = prefix + "/v2";
    if (rest.isEmpty() || rest.equals("/")) {
      return base(prefix, apiRoot, Kind.BASE, "");
    }
    if (rest.equals("/_catalog")) {
      return base(prefix, apiRoot, Kind.CATALOG, "");
    }
    Matcher m;
    if ((m = UPLOAD.matcher(rest)).matches()) {
      Kind kind = m.group(2).isEmpty() ? Kind.UPLOADS : Kind.UPLOAD;
      return named(prefix, apiRoot, kind, m.group(1), m.group(2));
    }
    if ((m = MANIFEST.matcher(rest)).matches()) {
      return named(prefix, apiRoot, Kind.MANIFEST, m.group(1), m.group(2));
    }
    if ((m = BLOB.matcher(rest)).matches()) {
      return named(prefix, apiRoot, Kind.BLOB, m.group(1), m.group(2));
    }
    if ((m = TAGS.matcher(rest)).matches()) {
      return named(prefix, apiRoot, Kind.TAGS, m.group(1), "");
    }
    if ((m = REFERRERS.matcher(rest)).matches()) {
      return named(prefix, apiRoot, Kind.REFERRERS, m.group(1), m.group(2));
    }
    throw RegistryErrorCode.NAME_UNKNOWN.exception("no registry API at " + rawPath);
  }

  private static RegistryRoute base(String prefix, String apiRoot, Kind kind, String parameter) {
    if (!prefix.isEmpty()) {
      name(prefix.substring(1));
    }
    return new RegistryRoute(kind, apiRoot, Optional.empty(), parameter);
  }

  private static RegistryRoute named(String prefix, String apiRoot, Kind kind, String name,
      String parameter) {
    String full = prefix.isEmpty() ? name : prefix.substring(1) + "/" + name;
    return new RegistryRoute(kind, apiRoot, Optional.of(name(full)), parameter);
  }

  private static RepositoryName name(String text) {
    try {
      return RepositoryName.parse(text);
    } catch (IllegalArgumentException e) {
      throw RegistryErrorCode.NAME_INVALID.exception("invalid repository name '" + text
          + "': lower-case path components of [a-z0-9] separated by '.', '_', '__' or '-'");
    }
  }

  /** The repository name as clients see it under this API root (without the prefix). */
  public String nameUnderRoot() {
    String full = repository.orElseThrow().value();
    String prefix = apiRoot.substring(0, apiRoot.length() - "/v2".length());
    String name = prefix.isEmpty() ? full : full.substring(prefix.length());
    return selector.map(s -> s + "/" + name).orElse(name);
  }

  /**
   * Path mode: the first component of the repository name (the registry, e.g. {@code myacr}
   * in {@code /v2/myacr/team/app/manifests/1.0}), with the route for the rest
   * ({@code team/app}); empty for routes without a repository or with a one-component name.
   */
  public Optional<Selected> selectingRegistry() {
    if (repository.isEmpty() || selector.isPresent()) {
      return Optional.empty();
    }
    String full = repository.get().value();
    int slash = full.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String first = full.substring(0, slash);
    return Optional.of(new Selected(first, new RegistryRoute(kind, apiRoot,
        Optional.of(RepositoryName.parse(full.substring(slash + 1))), parameter,
        Optional.of(first))));
  }

  /** A registry chosen by the first path component, and the route below it. */
  public record Selected(String registry, RegistryRoute route) {}

  /** {@code <apiRoot>/<name>} for Location headers. */
  public String repositoryPath() {
    return apiRoot + "/" + nameUnderRoot();
  }
}
