package dev.isla.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.Arg;
import dev.isla.cli.CliException;
import dev.isla.cli.CommandDef;
import dev.isla.cli.Invocation;
import dev.isla.cli.arm.ArmClient;
import java.util.List;
import java.util.Optional;

/**
 * The flags {@code az aks create} and {@code az aks update} share, their validation (az's
 * {@code update_bootstrap_profile}, research/aks-isolation.md §5.1), and {@code az aks update}
 * itself: GET, change only what was given, PUT.
 */
public final class AksUpdates {

  static final List<String> OUTBOUND_TYPES = List.of("loadBalancer", "userDefinedRouting",
      "managedNATGateway", "userAssignedNATGateway", "none", "block");
  private static final List<String> READ_ONLY = List.of("provisioningState", "powerState", "fqdn",
      "privateFQDN", "azurePortalFQDN", "currentKubernetesVersion", "maxAgentPools");

  private AksUpdates() {}

  public static List<CommandDef> commands() {
    return List.of(CommandDef.of("aks update", "Update a managed Kubernetes cluster.",
        AksUpdates::update, Arg.value("--name", "-n").asIdPart().help("Name of the managed "
            + "cluster."), ResourceRef.groupArg(), ResourceRef.idsArg(), outboundTypeArg(),
        artifactSourceArg(), registryIdArg(), vnetIntegrationArg(), apiserverSubnetArg(),
        assignIdentityArg(),
        Arg.flag("--no-wait").help("Do not wait for the long-running operation to finish."),
        Arg.flag("--yes", "-y").help("Do not prompt for confirmation.")));
  }

  static Arg outboundTypeArg() {
    return Arg.value("--outbound-type").choices(OUTBOUND_TYPES.toArray(String[]::new))
        .help("How outbound traffic will be configured for a cluster.");
  }

  static Arg artifactSourceArg() {
    return Arg.value("--bootstrap-artifact-source").choices("Direct", "Cache")
        .help("Configure artifact source when bootstraping the cluster.");
  }

  static Arg registryIdArg() {
    return Arg.value("--bootstrap-container-registry-resource-id").help("Configure container "
        + "registry resource ID. Must use \"Cache\" as bootstrap artifact source.");
  }

  static Arg vnetIntegrationArg() {
    return Arg.flag("--enable-apiserver-vnet-integration").help("Enable integration of user "
        + "vnet with control plane apiserver pods.");
  }

  static Arg apiserverSubnetArg() {
    return Arg.value("--apiserver-subnet-id").help("The ID of a subnet in an existing VNet into "
        + "which to assign control plane apiserver pods.");
  }

  static Arg assignIdentityArg() {
    return Arg.value("--assign-identity").help("Specify an existing user assigned identity for "
        + "control plane's usage.");
  }

  /** az's checks of the bootstrap flags; {@code defaultSource} applies when none is given. */
  static void validateBootstrap(Invocation inv, String defaultSource) {
    Optional<String> registry = inv.value("--bootstrap-container-registry-resource-id");
    if (registry.isEmpty()) {
      return;
    }
    try {
      ResourceId.parse(registry.get());
    } catch (IllegalArgumentException e) {
      throw new CliException("--bootstrap-container-registry-resource-id is not a valid Azure "
          + "resource ID.");
    }
    String source = inv.value("--bootstrap-artifact-source").orElse(defaultSource);
    if (!source.equals("Cache")) {
      throw new CliException("Cannot specify --bootstrap-container-registry-resource-id when "
          + "--bootstrap-artifact-source is not Cache.");
    }
  }

  /** {@code identity}: UserAssigned with {@code --assign-identity}, else SystemAssigned. */
  static ObjectNode identity(Invocation inv) {
    Optional<String> assigned = inv.value("--assign-identity");
    if (assigned.isEmpty()) {
      return Json.object().put("type", "SystemAssigned");
    }
    ObjectNode identity = Json.object().put("type", "UserAssigned");
    identity.putObject("userAssignedIdentities").putObject(assigned.get());
    return identity;
  }

  /** Sets {@code apiServerAccessProfile} fields for the flags given. */
  static void apiServerAccess(Invocation inv, ObjectNode props) {
    boolean any = inv.flag("--enable-private-cluster")
        || inv.flag("--enable-apiserver-vnet-integration") || inv.has("--apiserver-subnet-id");
    if (!any) {
      return;
    }
    ObjectNode access = props.has("apiServerAccessProfile")
        ? (ObjectNode) props.get("apiServerAccessProfile") : props.putObject("apiServerAccessProfile");
    if (inv.flag("--enable-private-cluster")) {
      access.put("enablePrivateCluster", true);
    }
    if (inv.flag("--enable-apiserver-vnet-integration")) {
      access.put("enableVnetIntegration", true);
    }
    inv.value("--apiserver-subnet-id").ifPresent(s -> access.put("subnetId", s));
  }

  /** GETs a user-assigned identity (az does, to learn its principal and client ids). */
  static JsonNode userAssignedIdentity(Invocation inv, String resourceId) {
    return inv.arm().get(ArmClient.withApiVersion(resourceId,
        ResourceTypes.USER_ASSIGNED_IDENTITIES.newestApiVersion()));
  }

  private static Optional<JsonNode> update(Invocation inv) {
    validateBootstrap(inv, "Cache");
    String path = AksCreateCommand.CLUSTER.path(AksCreateCommand.CLUSTER.resolve(inv).getFirst());
    ObjectNode cluster = (ObjectNode) inv.arm().get(path);
    ObjectNode props = cluster.has("properties") ? (ObjectNode) cluster.get("properties")
        : cluster.putObject("properties");
    inv.value("--bootstrap-artifact-source").ifPresent(source -> {
      ObjectNode bootstrap = props.putObject("bootstrapProfile");
      bootstrap.put("artifactSource", source);
      inv.value("--bootstrap-container-registry-resource-id").ifPresentOrElse(
          id -> bootstrap.put("containerRegistryId", id),
          () -> bootstrap.putNull("containerRegistryId"));
    });
    inv.value("--outbound-type").ifPresent(t -> (props.has("networkProfile")
        ? (ObjectNode) props.get("networkProfile") : props.putObject("networkProfile"))
        .put("outboundType", t));
    apiServerAccess(inv, props);
    if (inv.has("--assign-identity")) {
      cluster.set("identity", identity(inv));
    }
    return CrudCommand.put(inv, path, withoutReadOnly(cluster));
  }

  /** The body az's SDK would serialise: read-only fields dropped. */
  static ObjectNode withoutReadOnly(ObjectNode cluster) {
    ObjectNode copy = cluster.deepCopy();
    copy.remove(List.of("id", "name", "type", "systemData"));
    JsonNode props = copy.path("properties");
    if (props instanceof ObjectNode p) {
      p.remove(READ_ONLY);
      for (JsonNode pool : p.path("agentPoolProfiles")) {
        ((ObjectNode) pool).remove(List.of("provisioningState", "currentOrchestratorVersion",
            "nodeImageVersion"));
      }
    }
    return copy;
  }
}
