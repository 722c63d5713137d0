package dev.isla.arm;

import static dev.isla.arm.ErrorFormat.FLAT;
import static dev.isla.arm.ErrorFormat.WRAPPED;
import static dev.isla.arm.LocationKind.GLOBAL;
import static dev.isla.arm.LocationKind.NONE;
import static dev.isla.arm.LocationKind.REGIONAL;
import static dev.isla.arm.ScopeKind.EXTENSION;
import static dev.isla.arm.ScopeKind.RESOURCE_GROUP;
import static dev.isla.arm.ScopeKind.SUBSCRIPTION;
import static dev.isla.arm.ScopeKind.TENANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resource-type table: every ARM resource type Isla serves, declared once. Routing,
 * api-version checks, provider metadata ({@code GET /subscriptions/{s}/providers/{ns}}) and the
 * CLI's URL building all read it. Api-versions are newest first (research/aks-isolation.md §4).
 */
public final class ResourceTypes {

  // 2025-04-01 (resources), 2025-03-01 (network), 2025-09-01 (AKS): the Java SDK's
  // azure-resourcemanager-* 2.54.1 / 2.57.0 / 2.56.1 (docs/CLIENTS.md).
  private static final List<String> RESOURCES =
      List.of("2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01");
  private static final List<String> NETWORK =
      List.of("2025-05-01", "2025-03-01", "2024-05-01", "2023-09-01", "2022-01-01");
  private static final List<String> PRIVATE_DNS = List.of("2024-06-01", "2020-06-01");
  private static final List<String> REGISTRY =
      List.of("2025-11-01", "2025-04-01", "2023-11-01-preview", "2023-07-01", "2023-01-01-preview");
  private static final List<String> AKS =
      List.of("2026-06-01", "2025-10-02-preview", "2025-10-01", "2025-09-01", "2025-02-01",
          "2024-07-01");

  public static final ResourceType SUBSCRIPTIONS =
      t("Microsoft.Resources", "subscriptions", TENANT, NONE, List.of("2022-12-01", "2020-01-01"));
  public static final ResourceType RESOURCE_GROUPS =
      t("Microsoft.Resources", "resourceGroups", SUBSCRIPTION, REGIONAL, RESOURCES);
  public static final ResourceType FEATURES =
      t("Microsoft.Features", "providers/features", SUBSCRIPTION, NONE, List.of("2021-07-01"));

  public static final ResourceType VIRTUAL_NETWORKS =
      t("Microsoft.Network", "virtualNetworks", RESOURCE_GROUP, REGIONAL, NETWORK);
  public static final ResourceType SUBNETS =
      t("Microsoft.Network", "virtualNetworks/subnets", RESOURCE_GROUP, NONE, NETWORK);
  public static final ResourceType PRIVATE_ENDPOINTS =
      t("Microsoft.Network", "privateEndpoints", RESOURCE_GROUP, REGIONAL, NETWORK);
  public static final ResourceType NETWORK_INTERFACES =
      t("Microsoft.Network", "networkInterfaces", RESOURCE_GROUP, REGIONAL, NETWORK);
  public static final ResourceType PRIVATE_DNS_ZONES =
      t("Microsoft.Network", "privateDnsZones", RESOURCE_GROUP, GLOBAL, PRIVATE_DNS);
  public static final ResourceType VIRTUAL_NETWORK_LINKS =
      t("Microsoft.Network", "privateDnsZones/virtualNetworkLinks", RESOURCE_GROUP, GLOBAL,
          PRIVATE_DNS);
  public static final ResourceType A_RECORD_SETS =
      t("Microsoft.Network", "privateDnsZones/A", RESOURCE_GROUP, NONE, PRIVATE_DNS);
  public static final ResourceType AAAA_RECORD_SETS =
      t("Microsoft.Network", "privateDnsZones/AAAA", RESOURCE_GROUP, NONE, PRIVATE_DNS);
  public static final ResourceType CNAME_RECORD_SETS =
      t("Microsoft.Network", "privateDnsZones/CNAME", RESOURCE_GROUP, NONE, PRIVATE_DNS);
  public static final ResourceType TXT_RECORD_SETS =
      t("Microsoft.Network", "privateDnsZones/TXT", RESOURCE_GROUP, NONE, PRIVATE_DNS);
  /** The zone's SOA record set {@code SOA/@}, created with the zone. */
  public static final ResourceType SOA_RECORD_SETS =
      t("Microsoft.Network", "privateDnsZones/SOA", RESOURCE_GROUP, NONE, PRIVATE_DNS);

  public static final ResourceType REGISTRIES =
      t("Microsoft.ContainerRegistry", "registries", RESOURCE_GROUP, REGIONAL, REGISTRY);
  public static final ResourceType CACHE_RULES =
      t("Microsoft.ContainerRegistry", "registries/cacheRules", RESOURCE_GROUP, NONE, REGISTRY);
  public static final ResourceType PRIVATE_ENDPOINT_CONNECTIONS =
      t("Microsoft.ContainerRegistry", "registries/privateEndpointConnections", RESOURCE_GROUP,
          NONE, REGISTRY);

  public static final ResourceType USER_ASSIGNED_IDENTITIES =
      t("Microsoft.ManagedIdentity", "userAssignedIdentities", RESOURCE_GROUP, REGIONAL,
          List.of("2024-11-30", "2023-01-31", "2018-11-30"));

  public static final ResourceType ROLE_ASSIGNMENTS =
      t("Microsoft.Authorization", "roleAssignments", EXTENSION, NONE,
          List.of("2022-04-01", "2020-04-01-preview"));
  public static final ResourceType ROLE_DEFINITIONS =
      t("Microsoft.Authorization", "roleDefinitions", EXTENSION, NONE,
          List.of("2022-04-01", "2018-01-01-preview"));

  public static final ResourceType MANAGED_CLUSTERS =
      new ResourceType("Microsoft.ContainerService", "managedClusters",
          "Microsoft.ContainerService/ManagedClusters", RESOURCE_GROUP, REGIONAL, AKS, FLAT);
  public static final ResourceType AGENT_POOLS =
      new ResourceType("Microsoft.ContainerService", "managedClusters/agentPools",
          "Microsoft.ContainerService/managedClusters/agentPools", RESOURCE_GROUP, NONE, AKS, FLAT);

  private static final Map<String, ResourceType> BY_KEY = new LinkedHashMap<>();

  static {
    for (ResourceType type :
        List.of(SUBSCRIPTIONS, RESOURCE_GROUPS, FEATURES, VIRTUAL_NETWORKS, SUBNETS,
            PRIVATE_ENDPOINTS, NETWORK_INTERFACES, PRIVATE_DNS_ZONES, VIRTUAL_NETWORK_LINKS,
            A_RECORD_SETS, AAAA_RECORD_SETS, CNAME_RECORD_SETS, TXT_RECORD_SETS, SOA_RECORD_SETS,
            REGISTRIES, CACHE_RULES, PRIVATE_ENDPOINT_CONNECTIONS,
            USER_ASSIGNED_IDENTITIES, ROLE_ASSIGNMENTS, ROLE_DEFINITIONS, MANAGED_CLUSTERS,
            AGENT_POOLS)) {
      BY_KEY.put(type.key(), type);
    }
  }

  private ResourceTypes() {}

  private static ResourceType t(
      String namespace, String path, ScopeKind scope, LocationKind location, List<String> versions) {
    return new ResourceType(namespace, path, namespace + "/" + path, scope, location, versions,
        WRAPPED);
  }

  /** Every declared type, in declaration order. */
  public static List<ResourceType> all() {
    return List.copyOf(BY_KEY.values());
  }

  /** Looks a type up by its full name, case-insensitively ({@code microsoft.network/VIRTUALNETWORKS}). */
  public static Optional<ResourceType> find(String fullName) {
    return Optional.ofNullable(BY_KEY.get(fullName.toLowerCase(Locale.ROOT)));
  }

  /** Looks a type up by namespace and type segments. */
  public static Optional<ResourceType> find(String namespace, List<String> segments) {
    return find(namespace + "/" + String.join("/", segments));
  }

  /** True when some type is declared in this namespace (case-insensitive). */
  public static boolean knowsNamespace(String namespace) {
    return BY_KEY.values().stream().anyMatch(t -> t.namespace().equalsIgnoreCase(namespace));
  }

  /** The canonical spelling of a namespace Isla knows, e.g. {@code Microsoft.Network}. */
  public static Optional<String> canonicalNamespace(String namespace) {
    return BY_KEY.values().stream()
        .map(ResourceType::namespace)
        .filter(ns -> ns.equalsIgnoreCase(namespace))
        .findFirst();
  }

  /** Types of one namespace. */
  public static List<ResourceType> inNamespace(String namespace) {
    return BY_KEY.values().stream().filter(t -> t.namespace().equalsIgnoreCase(namespace)).toList();
  }
}
