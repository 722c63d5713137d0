package dev.isla.identity.login;

import dev.isla.identity.token.TokenVerifier;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the login endpoints accept: the resources (audiences) tokens may be requested for —
 * Azure's well-known ones plus Isla's own (its ARM URL, as {@code az cloud register} names it) —
 * and the App Service-style {@code IDENTITY_HEADER} secret, when that endpoint is enabled.
 */
public record LoginSettings(Set<String> resources, Optional<String> identityHeader) {

  /** Resource ids Azure clients ask tokens for, accepted everywhere. */
  public static final List<String> AZURE_RESOURCES = List.of(
      "https://management.azure.com/", "https://management.core.windows.net/",
      "https://containerregistry.azure.net", "https://graph.microsoft.com/",
      "https://graph.windows.net/", "https://vault.azure.net", "https://storage.azure.com/");

  public LoginSettings {
    resources = Set.copyOf(resources);
    identityHeader = identityHeader == null ? Optional.empty() : identityHeader;
  }

  /** Azure's resources plus {@code islaResources} (e.g. {@code https://127.0.0.1:8443/}). */
  public static LoginSettings of(Collection<String> islaResources, Optional<String> identityHeader) {
    Set<String> all = new LinkedHashSet<>(AZURE_RESOURCES);
    all.addAll(islaResources);
    return new LoginSettings(all, identityHeader);
  }

  /** Whether tokens may be issued for {@code resource} (trailing {@code /} and case ignored). */
  public boolean knows(String resource) {
    String wanted = TokenVerifier.normalize(resource);
    return resources.stream().anyMatch(r -> TokenVerifier.normalize(r).equals(wanted));
  }
}
