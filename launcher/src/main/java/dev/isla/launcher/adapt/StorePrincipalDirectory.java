package dev.isla.launcher.adapt;

import dev.isla.arm.ResourceId;
import dev.isla.controlplane.rp.managedidentity.Identities;
import dev.isla.controlplane.rp.managedidentity.Identity;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.principal.PrincipalDirectory;
import dev.isla.identity.principal.ServicePrincipal;
import java.util.Optional;

/**
 * The identity module's {@link PrincipalDirectory} over the control plane's user-assigned
 * managed identities ({@link Identities}), read from the store at every call (a deleted identity
 * stops getting tokens at once). Service principals are not modelled by the control plane yet:
 * none is found. The {@code Default} selector finds nothing here, since the whole cloud has no
 * single identity; a node's IMDS narrows the directory to the node's own ({@link NodeImds}).
 */
public final class StorePrincipalDirectory implements PrincipalDirectory {

  private final ResourceStore store;

  public StorePrincipalDirectory(ResourceStore store) {
    this.store = store;
  }

  @Override
  public Optional<ServicePrincipal> servicePrincipal(String clientId) {
    return Optional.empty();
  }

  @Override
  public Optional<ManagedIdentity> managedIdentity(IdentitySelector selector) {
    Optional<Identity> found = switch (selector) {
      case IdentitySelector.Default d -> Optional.empty();
      case IdentitySelector.ByClientId c -> Identities.byClientId(store, c.clientId());
      case IdentitySelector.ByObjectId o -> Identities.byPrincipalId(store, o.objectId());
      case IdentitySelector.ByResourceId r -> parse(r.resourceId())
          .flatMap(id -> Identities.byResourceId(store, id));
    };
    return found.map(StorePrincipalDirectory::toManagedIdentity);
  }

  static ManagedIdentity toManagedIdentity(Identity i) {
    return new ManagedIdentity(i.clientId(), i.principalId(), i.tenantId(),
        Optional.of(i.id().toString()));
  }

  private static Optional<ResourceId> parse(String text) {
    try {
      return Optional.of(ResourceId.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
