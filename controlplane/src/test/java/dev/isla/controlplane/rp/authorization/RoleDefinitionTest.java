package dev.isla.controlplane.rp.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleDefinitionTest {

  @Test
  void wildcardsAndNotActions() {
    String pull = Authorization.PULL;
    assertThat(BuiltInRoles.ACR_PULL.allows(pull)).isTrue();
    assertThat(BuiltInRoles.ACR_PULL.allows(Authorization.PUSH)).isFalse();
    assertThat(BuiltInRoles.ACR_PUSH.allows(Authorization.PUSH)).isTrue();
    assertThat(BuiltInRoles.READER.allows(pull)).isTrue();
    assertThat(BuiltInRoles.READER.allows(Authorization.PUSH)).isFalse();
    assertThat(BuiltInRoles.OWNER.allows("Microsoft.Authorization/roleAssignments/write")).isTrue();
    assertThat(BuiltInRoles.CONTRIBUTOR.allows(Authorization.PUSH)).isTrue();
    assertThat(BuiltInRoles.CONTRIBUTOR.allows("microsoft.authorization/roleAssignments/WRITE")).isFalse();
    assertThat(BuiltInRoles.NETWORK_CONTRIBUTOR.allows("Microsoft.Network/virtualNetworks/subnets/join/action")).isTrue();
    assertThat(BuiltInRoles.NETWORK_CONTRIBUTOR.allows(pull)).isFalse();
    assertThat(BuiltInRoles.MANAGED_IDENTITY_OPERATOR.allows(
        "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action")).isFalse();
    assertThat(BuiltInRoles.MANAGED_IDENTITY_OPERATOR.allows(
        "Microsoft.ManagedIdentity/userAssignedIdentities/x/assign/action")).isTrue();
    assertThat(BuiltInRoles.ACR_PULL.allowsData(pull)).isFalse();
  }

  @Test
  void resolvesRoleDefinitionIdsAtAnyScope() {
    assertThat(RoleDefinitionProvider.resolve("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/7F951DDA-4ed3-4680-a7ca-43fe172d538d"))
        .contains(BuiltInRoles.ACR_PULL);
    assertThat(RoleDefinitionProvider.resolve("/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"))
        .contains(BuiltInRoles.READER);
    assertThat(RoleDefinitionProvider.resolve("/subscriptions/s/resourceGroups/g/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))
        .contains(BuiltInRoles.OWNER);
    assertThat(RoleDefinitionProvider.resolve("7f951dda-4ed3-4680-a7ca-43fe172d538d")).isEmpty();
    assertThat(BuiltInRoles.byName("network contributor")).contains(BuiltInRoles.NETWORK_CONTRIBUTOR);
  }
}
