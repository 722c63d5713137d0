package dev.isla.identity.principal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PrincipalDirectory} held in memory, for tests and for embedding. The default managed
 * identity is the one marked system-assigned, else the only identity registered.
 */
public final class InMemoryPrincipalDirectory implements PrincipalDirectory {

  private final Map<String, ServicePrincipal> principals = new ConcurrentHashMap<>();
  private final List<ManagedIdentity> identities = new CopyOnWriteArrayList<>();
  private volatile Optional<ManagedIdentity> systemAssigned = Optional.empty();

  /** Adds or replaces a service principal. */
  public InMemoryPrincipalDirectory add(ServicePrincipal principal) {
    principals.put(principal.clientId().toLowerCase(Locale.ROOT), principal);
    return this;
  }

  /** Adds a user-assigned identity. */
  public InMemoryPrincipalDirectory add(ManagedIdentity identity) {
    identities.add(identity);
    return this;
  }

  /** Adds the system-assigned identity (the default one). */
  public InMemoryPrincipalDirectory addSystemAssigned(ManagedIdentity identity) {
    identities.add(identity);
    systemAssigned = Optional.of(identity);
    return this;
  }

  /** Removes every principal and identity with this client id. */
  public void remove(String clientId) {
    principals.remove(clientId.toLowerCase(Locale.ROOT));
    identities.removeIf(i -> i.clientId().equalsIgnoreCase(clientId));
    systemAssigned = systemAssigned.filter(i -> !i.clientId().equalsIgnoreCase(clientId));
  }

  @Override
  public Optional<ServicePrincipal> servicePrincipal(String clientId) {
    return Optional.ofNullable(principals.get(clientId.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<ManagedIdentity> managedIdentity(IdentitySelector selector) {
    return switch (selector) {
      case IdentitySelector.Default d -> systemAssigned.or(
          () -> identities.size() == 1 ? Optional.of(identities.getFirst()) : Optional.empty());
      case IdentitySelector.ByClientId c -> first(i -> i.clientId().equalsIgnoreCase(c.clientId()));
      case IdentitySelector.ByObjectId o -> first(i -> i.principalId().equalsIgnoreCase(o.objectId()));
      case IdentitySelector.ByResourceId r -> first(
          i -> i.resourceId().map(id -> id.equalsIgnoreCase(r.resourceId())).orElse(false));
    };
  }

  private Optional<ManagedIdentity> first(java.util.function.Predicate<ManagedIdentity> test) {
    return identities.stream().filter(test).findFirst();
  }
}
