package dev.isla.launcher.adapt;

import dev.isla.arm.ResourceId;
import dev.isla.controlplane.rp.managedidentity.Identities;
import dev.isla.controlplane.rp.managedidentity.Identity;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.identity.principal.PrincipalDirectory;
import dev.isla.identity.principal.ServicePrincipal;
import java.util.List;
import java.util.Optional;

/**
 * The identity module's {@link PrincipalDirectory} over the control plane's user-assigned
 * managed identities ({@link Identities}), read from the store at every call (a deleted identity
 * stops getting tokens at once), plus the service principals the launcher holds (the data
 * folder's built-in one); the control plane does not model service principals. The {@code Default} selector finds nothing here, since the whole cloud has no
 * single identity; a node's IMDS narrows the directory to the node's own ({@link NodeImds}).
 */
public final class StorePrincipalDirectory implements PrincipalDirectory {

  private final ResourceStore store;
  private final List<ServicePrincipal> servicePrincipals;

  /** Managed identities only. */
  public StorePrincipalDirectory(ResourceStore store) {
    this(store, List.of());
  }

  /** Managed identities and {@code servicePrincipals}. */
  public StorePrincipalDirectory(ResourceStore store, List<ServicePrincipal> servicePrincipals) {
    this.store = store;
    this.servicePrincipals = List.copyOf(servicePrincipals);
  }

  @Override
  public Optional<ServicePrincipal> servicePrincipal(String clientId) {
    return servicePrincipals.stream().filter(p -> p.clientId().equalsIgnoreCase(clientId)).findFirst();
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
