package dev.isla.controlplane.rp.authorization;

import dev.isla.controlplane.rp.managedidentity.Identities;
import dev.isla.controlplane.store.ResourceStore;
import java.util.Optional;

/** The principals of user-assigned managed identities: each one's service principal. */
public final class IdentityDirectory implements PrincipalDirectory {

  private final ResourceStore store;

  public IdentityDirectory(ResourceStore store) {
    this.store = store;
  }

  @Override
  public Optional<String> principalType(String principalId) {
    return Identities.byPrincipalId(store, principalId).map(i -> "ServicePrincipal");
  }
}
