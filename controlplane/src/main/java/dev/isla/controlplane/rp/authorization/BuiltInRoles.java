package dev.isla.controlplane.rp.authorization;

import java.util.List;
import java.util.Optional;

/**
 * The built-in roles Isla knows. Ids, names, descriptions and permissions are Azure's, checked
 * against the AzureBuiltInRoles reference (general, containers, networking and identity
 * categories). Only AcrPush's dates are published (the role-definitions REST how-to); the other
 * dates are illustrative.
 */
public final class BuiltInRoles {

  private static final String ACR = "Microsoft.ContainerRegistry/registries/";

  public static final RoleDefinition ACR_PULL = role("7f951dda-4ed3-4680-a7ca-43fe172d538d",
      "AcrPull", "acr pull", List.of(ACR + "pull/read"), List.of(),
      "2018-10-29T17:52:32.5201177Z", "2021-11-11T20:13:07.4993029Z");
  public static final RoleDefinition ACR_PUSH = role("8311e382-0749-4cb8-b61a-304f252e45ec",
      "AcrPush", "acr push", List.of(ACR + "pull/read", ACR + "push/write"), List.of(),
      "2018-10-29T17:52:32.5201177Z", "2021-11-11T20:13:07.4993029Z");
  public static final RoleDefinition ACR_DELETE = role("c2f4ef07-c644-48eb-af81-4b1b4947fb11",
      "AcrDelete", "acr delete", List.of(ACR + "artifacts/delete"), List.of(),
      "2019-03-11T20:24:38.9845104Z", "2021-11-11T20:13:07.4993029Z");
  public static final RoleDefinition READER = role("acdd72a7-3385-48ef-bd42-f606fba81ae7",
      "Reader", "View all resources, but does not allow you to make any changes.",
      List.of("*/read"), List.of(), "2015-02-02T21:55:09.8806423Z", "2021-11-11T20:13:47.8628684Z");
  public static final RoleDefinition CONTRIBUTOR = role("b24988ac-6180-42a0-ab88-20f7382dd24c",
      "Contributor",
      "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
      List.of("*"),
      List.of("Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write",
          "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write",
          "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action",
          "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete"),
      "2015-02-02T21:55:09.8806423Z", "2024-04-25T00:00:00.0000000Z");
  public static final RoleDefinition OWNER = role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
      "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
      List.of("*"), List.of(), "2015-02-02T21:55:09.8806423Z", "2021-11-11T20:13:45.8978856Z");
  public static final RoleDefinition NETWORK_CONTRIBUTOR = role("4d97b98b-1d4f-4787-a291-c67834d212e7",
      "Network Contributor", "Lets you manage networks, but not access to them.",
      List.of("Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Network/*",
          "Microsoft.ResourceHealth/availabilityStatuses/read", "Microsoft.Resources/deployments/*",
          "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"),
      List.of(), "2015-06-02T00:18:27.3542698Z", "2021-11-11T20:13:44.9584246Z");
  public static final RoleDefinition MANAGED_IDENTITY_OPERATOR = role("f1a07417-d97a-45cb-824c-7a7467783830",
      "Managed Identity Operator", "Read and Assign User Assigned Identity",
      List.of("Microsoft.ManagedIdentity/userAssignedIdentities/*/read",
          "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action", "Microsoft.Authorization/*/read",
          "Microsoft.Insights/alertRules/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
          "Microsoft.Resources/deployments/*", "Microsoft.Support/*"),
      List.of(), "2017-12-14T19:52:04.3924594Z", "2021-11-11T20:13:38.9923350Z");

  private static final List<RoleDefinition> ALL = List.of(ACR_DELETE, ACR_PULL, ACR_PUSH, CONTRIBUTOR,
      MANAGED_IDENTITY_OPERATOR, NETWORK_CONTRIBUTOR, OWNER, READER);

  private BuiltInRoles() {}

  private static RoleDefinition role(String guid, String name, String description, List<String> actions,
      List<String> notActions, String createdOn, String updatedOn) {
    return new RoleDefinition(guid, name, description, actions, notActions, List.of(), List.of(),
        createdOn, updatedOn);
  }

  /** Every built-in role, ordered by role name. */
  public static List<RoleDefinition> all() {
    return ALL;
  }

  /** The role with this definition id (GUID, case-insensitive). */
  public static Optional<RoleDefinition> byId(String guid) {
    return ALL.stream().filter(r -> r.name().equalsIgnoreCase(guid)).findFirst();
  }

  /** The role with this name, e.g. {@code AcrPull} (case-insensitive, as ARM's filter matches). */
  public static Optional<RoleDefinition> byName(String roleName) {
    return ALL.stream().filter(r -> r.roleName().equalsIgnoreCase(roleName)).findFirst();
  }

  /** {@code AcrDelete, AcrPull, …}: for error messages. */
  static String names() {
    return String.join(", ", ALL.stream().map(RoleDefinition::roleName).toList());
  }
}
