package dev.isla.identity.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.identity.principal.PrincipalDirectory.IdentitySelector;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryPrincipalDirectoryTest {

  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  final ManagedIdentity kubelet = new ManagedIdentity("c1", "p1", TENANT,
      Optional.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet"));
  final ManagedIdentity other = new ManagedIdentity("c2", "p2", TENANT, Optional.empty());

  @Test
  void selectsManagedIdentitiesAsImdsDoes() {
    InMemoryPrincipalDirectory dir = new InMemoryPrincipalDirectory().add(kubelet);
    assertThat(dir.managedIdentity(new IdentitySelector.Default())).contains(kubelet);

    dir.add(other);
    assertThat(dir.managedIdentity(new IdentitySelector.Default())).isEmpty();
    assertThat(dir.managedIdentity(new IdentitySelector.ByClientId("C2"))).contains(other);
    assertThat(dir.managedIdentity(new IdentitySelector.ByObjectId("p1"))).contains(kubelet);
    assertThat(dir.managedIdentity(new IdentitySelector.ByResourceId(
        "/subscriptions/s/resourcegroups/rg/providers/microsoft.managedidentity/userassignedidentities/KUBELET")))
        .contains(kubelet);

    dir.remove("c1");
    assertThat(dir.managedIdentity(new IdentitySelector.ByClientId("c1"))).isEmpty();
  }

  @Test
  void theSystemAssignedIdentityIsTheDefault() {
    InMemoryPrincipalDirectory dir = new InMemoryPrincipalDirectory().add(kubelet).addSystemAssigned(other);

    assertThat(dir.managedIdentity(new IdentitySelector.Default())).contains(other);
  }
}
