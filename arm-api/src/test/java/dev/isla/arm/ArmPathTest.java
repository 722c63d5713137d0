package dev.isla.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArmPathTest {

  @Test
  void parsesChildResourceCaseInsensitivelyIntoCanonicalTypes() {
    ArmPath p = ArmPath.parse(
        "/subscriptions/s1/resourcegroups/rg1/providers/microsoft.network/VIRTUALNETWORKS/v1/Subnets/a");
    assertThat(p.kind()).isEqualTo(ArmPath.Kind.RESOURCE);
    ResourceId id = p.id().orElseThrow();
    assertThat(id.toString())
        .isEqualTo("/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1/subnets/a");
    assertThat(id.resourceType()).contains(ResourceTypes.SUBNETS);
    assertThat(id.parent().orElseThrow().name()).isEqualTo("v1");
    assertThat(id.resourceGroup()).contains("rg1");
  }

  @Test
  void collectionsActionsAndProviders() {
    assertThat(ArmPath.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks").kind())
        .isEqualTo(ArmPath.Kind.COLLECTION);
    ArmPath action = ArmPath.parse(
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/agentPools/p/upgradeNodeImageVersion");
    assertThat(action.kind()).isEqualTo(ArmPath.Kind.ACTION);
    assertThat(action.action()).contains("upgradeNodeImageVersion");
    assertThat(ArmPath.parse("/subscriptions/s/providers/Microsoft.ContainerService/register").kind())
        .isEqualTo(ArmPath.Kind.PROVIDER_ACTION);
    assertThat(ArmPath.parse("/subscriptions/s/providers/Microsoft.ContainerService").kind())
        .isEqualTo(ArmPath.Kind.PROVIDER);
    assertThat(ArmPath.parse("/subscriptions/s/resourcegroups").kind()).isEqualTo(ArmPath.Kind.RESOURCE_GROUPS);
    assertThat(ArmPath.parse("/subscriptions/s/resources").kind()).isEqualTo(ArmPath.Kind.RESOURCES);
    assertThat(ArmPath.parse("//subscriptions/s//resourceGroups/rg/").id().orElseThrow().isResourceGroup()).isTrue();
  }

  @Test
  void featuresAndExtensionResources() {
    ResourceId feature = ResourceId.parse(
        "/subscriptions/s/providers/Microsoft.Features/providers/Microsoft.ContainerService/features/NetworkIsolatedClusterPreview");
    assertThat(feature.resourceType()).contains(ResourceTypes.FEATURES);
    assertThat(feature.name()).isEqualTo("NetworkIsolatedClusterPreview");

    ResourceId ra = ResourceId.parse(
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a/providers/Microsoft.Authorization/roleAssignments/g1");
    assertThat(ra.resourceType()).contains(ResourceTypes.ROLE_ASSIGNMENTS);
    assertThat(ra.parent().orElseThrow().resourceType()).contains(ResourceTypes.SUBNETS);
    assertThat(ra.resourceGroup()).contains("rg");
    assertThat(ra.subscriptionId()).isEqualTo("s");

    ArmPath defs = ArmPath.parse("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions");
    assertThat(defs.kind()).isEqualTo(ArmPath.Kind.COLLECTION);
    assertThat(defs.id().orElseThrow().isSubscription()).isTrue();
  }

  @Test
  void rejectsNonIds() {
    assertThatThrownBy(() -> ResourceId.parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid Azure resource ID");
    assertThatThrownBy(() -> ResourceId.parse("not-an-id")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResourceId.parse("/subscriptions/s/resourceGroups/rg/foo/bar"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorBodiesInBothFormats() {
    ArmError e = ArmException.of(ArmErrorCode.RESOURCE_GROUP_NOT_FOUND, "rg").toError();
    assertThat(Json.write(e.toBody(ErrorFormat.WRAPPED)))
        .isEqualTo("{\"error\":{\"code\":\"ResourceGroupNotFound\",\"message\":\"Resource group 'rg' could not be found.\"}}");
    assertThat(e.toBody(ErrorFormat.FLAT).get("subcode").asText()).isEmpty();
    assertThat(ArmError.fromBody(e.toBody(ErrorFormat.FLAT))).contains(e);
  }
}
