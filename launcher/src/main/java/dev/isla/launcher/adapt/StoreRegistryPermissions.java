package dev.isla.launcher.adapt;

import dev.isla.controlplane.rp.authorization.Authorization;
import dev.isla.controlplane.rp.containerregistry.Registries;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.identity.acr.RegistryPermissions;
import dev.isla.identity.token.TokenClaims;
import java.util.Set;
import java.util.TreeSet;

/**
 * ACR's permission words for a principal, from its role assignments at the registry or above
 * ({@link Authorization}): a role granting everything (Owner, Contributor: {@code *}) ⇒
 * {@code *}; pull ⇒ {@code read}; push ⇒ {@code write}; artifact delete (AcrDelete) ⇒
 * {@code delete}. Read at every token exchange.
 */
public final class StoreRegistryPermissions implements RegistryPermissions {

  private final ResourceStore store;

  public StoreRegistryPermissions(ResourceStore store) {
    this.store = store;
  }

  @Override
  public Set<String> actions(String service, TokenClaims principal) {
    return Registries.byLoginServer(store, service).map(registry -> {
      Authorization.Permissions p = Authorization.actionsOf(store, principal.objectId(),
          registry.id());
      Set<String> actions = new TreeSet<>();
      if (p.actions().contains("*")) {
        actions.add(ALL);
      }
      if (p.allows(Authorization.PULL) || p.allowsData(Authorization.PULL)) {
        actions.add(READ);
      }
      if (p.allows(Authorization.PUSH) || p.allowsData(Authorization.PUSH)) {
        actions.add(WRITE);
      }
      if (p.allows(Authorization.DELETE) || p.allowsData(Authorization.DELETE)) {
        actions.add(DELETE);
      }
      return (Set<String>) actions;
    }).orElse(Set.of());
  }
}
