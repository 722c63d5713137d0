package dev.isla.controlplane.rp.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ArmPath;
import dev.isla.arm.Json;
import dev.isla.arm.LocationKind;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.ArmFrontDoor;
import dev.isla.controlplane.arm.ArmRequest;
import dev.isla.controlplane.arm.ArmResponse;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.StoredResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Microsoft.Resources around the resources: cloud metadata, the tenant and its one
 * subscription, locations, provider namespaces with their registration state and resource
 * types (read from the resource-type table), namespace-level actions registered by other
 * providers (e.g. {@code Microsoft.ContainerRegistry/checkNameAvailability}), and the generic
 * {@code resources} listing with {@code $filter}.
 */
public final class SubscriptionFrontDoor implements ArmFrontDoor {

  /** Storage type key of provider registration records (not an ARM type). */
  static final String REGISTRATION_TYPE = "isla.internal/providerregistrations";

  private final Arm arm;
  private final ArmSettings settings;
  private final Map<String, Function<ArmRequest, ArmResponse>> namespaceActions = new LinkedHashMap<>();

  public SubscriptionFrontDoor(Arm arm) {
    this.arm = arm;
    this.settings = arm.settings();
  }

  /** Registers {@code POST|GET /subscriptions/{s}/providers/{namespace}/{action}}. */
  public void registerAction(String namespace, String action, Function<ArmRequest, ArmResponse> handler) {
    namespaceActions.put(key(namespace, action), handler);
  }

  private static String key(String namespace, String action) {
    return (namespace + "/" + action).toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<ArmResponse> answer(ArmRequest request) {
    String path = request.path().replaceAll("/+", "/").replaceAll("/$", "").toLowerCase(Locale.ROOT);
    if (path.equals("/metadata/endpoints")) {
      return Optional.of(ArmResponse.ok(CloudMetadata.endpoints(request.baseUrl(),
          request.query().getOrDefault("api-version", ""))));
    }
    if (path.equals("/subscriptions")) {
      request.apiVersion("2022-12-01");
      ObjectNode body = Json.object();
      body.putArray("value").add(subscriptionBody());
      body.putObject("count").put("type", "Total").put("value", 1);
      return Optional.of(ArmResponse.ok(body));
    }
    if (path.equals("/tenants")) {
      request.apiVersion("2022-12-01");
      ObjectNode tenant = Json.object();
      tenant.put("id", "/tenants/" + settings.tenantId());
      tenant.put("tenantId", settings.tenantId());
      tenant.put("countryCode", "US");
      tenant.put("displayName", "Isla");
      tenant.putArray("domains").add("isla.local");
      tenant.put("tenantCategory", "Home");
      tenant.put("defaultDomain", "isla.local");
      tenant.put("tenantType", "AAD");
      ObjectNode body = Json.object();
      body.putArray("value").add(tenant);
      return Optional.of(ArmResponse.ok(body));
    }
    if (path.matches("/subscriptions/[^/]+/locations")) {
      request.apiVersion("2022-12-01");
      if (!path.split("/")[2].equalsIgnoreCase(settings.subscriptionId())) {
        throw ArmException.of(ArmErrorCode.SUBSCRIPTION_NOT_FOUND, path.split("/")[2]);
      }
      ArrayNode value = Json.array();
      for (String location : settings.locations()) {
        ObjectNode l = value.addObject();
        l.put("id", "/subscriptions/" + settings.subscriptionId() + "/locations/" + location);
        l.put("name", location);
        l.put("displayName", CloudMetadata.displayName(location));
        l.put("regionalDisplayName", "(US) " + CloudMetadata.displayName(location));
      }
      return Optional.of(ArmResponse.ok(Json.object().set("value", value)));
    }
    if (!path.startsWith("/subscriptions/")) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_ID, request.path());
    }
    return Optional.empty();
  }

  @Override
  public ArmResponse subscription() {
    return ArmResponse.ok(subscriptionBody());
  }

  private ObjectNode subscriptionBody() {
    ObjectNode s = Json.object();
    s.put("id", "/subscriptions/" + settings.subscriptionId());
    s.put("authorizationSource", "RoleBased");
    s.putArray("managedByTenants");
    s.put("subscriptionId", settings.subscriptionId());
    s.put("tenantId", settings.tenantId());
    s.put("displayName", settings.subscriptionName());
    s.put("state", "Enabled");
    ObjectNode policies = s.putObject("subscriptionPolicies");
    policies.put("locationPlacementId", "Public_2014-09-01");
    policies.put("quotaId", "PayAsYouGo_2014-09-01");
    policies.put("spendingLimit", "Off");
    return s;
  }

  @Override
  public ArmResponse genericList(ResourceId scope, ArmRequest request) {
    ResourceFilter filter = ResourceFilter.parse(request.query().getOrDefault("$filter", ""));
    ArrayNode value = Json.array();
    ResourceId under = narrowed(scope, filter);
    Optional<String> onlyType = filter.equalTo("resourcetype");
    for (ResourceType type : ResourceTypes.all()) {
      if (type.isChild() || type.location() == LocationKind.NONE
          || type.equals(ResourceTypes.RESOURCE_GROUPS) || type.equals(ResourceTypes.SUBSCRIPTIONS)
          || onlyType.filter(t -> !t.equalsIgnoreCase(type.fullName())).isPresent()) {
        continue;
      }
      for (StoredResource r : arm.store().list(ResourceQuery.ofType(type.key()).withUnder(under))) {
        ObjectNode generic = GenericResource.of(r);
        if (filter.matches(generic)) {
          value.add(generic);
        }
      }
    }
    return ArmResponse.ok(Json.object().set("value", value));
  }

  /**
   * The scope to read: a subscription-wide listing filtered on one resource group reads only that
   * group (the filter still decides), so its cost follows the group's size, not the cloud's.
   */
  private static ResourceId narrowed(ResourceId scope, ResourceFilter filter) {
    Optional<String> group = filter.equalTo("resourcegroup");
    if (scope.resourceGroup().isPresent() || group.isEmpty()) {
      return scope;
    }
    try {
      return ResourceId.resourceGroup(scope.subscriptionId(), group.get());
    } catch (IllegalArgumentException notAGroupName) {
      return scope;
    }
  }

  @Override
  public ArmResponse providers(ArmPath path, ArmRequest request) {
    return switch (path.kind()) {
      case PROVIDERS -> {
        onlyGet(request);
        ArrayNode value = Json.array();
        ResourceTypes.all().stream().map(ResourceType::namespace).distinct()
            .forEach(ns -> value.add(provider(ns)));
        yield ArmResponse.ok(Json.object().set("value", value));
      }
      case PROVIDER -> {
        onlyGet(request);
        yield ArmResponse.ok(provider(namespace(path)));
      }
      default -> providerAction(namespace(path), path.action().orElseThrow(), request);
    };
  }

  private ArmResponse providerAction(String namespace, String action, ArmRequest request) {
    Function<ArmRequest, ArmResponse> handler = namespaceActions.get(key(namespace, action));
    if (handler != null) {
      return handler.apply(request);
    }
    if (!request.method().equals("POST")) {
      throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, request.method());
    }
    String state = switch (action.toLowerCase(Locale.ROOT)) {
      case "register" -> "Registered";
      case "unregister" -> "NotRegistered";
      default -> throw ArmException.of(ArmErrorCode.UNKNOWN_ACTION, action, namespace);
    };
    ResourceId id = registrationId(namespace);
    arm.store().transaction(tx -> tx.put(id, REGISTRATION_TYPE, Json.object().put("registrationState", state)));
    return ArmResponse.ok(provider(namespace));
  }

  private String namespace(ArmPath path) {
    String ns = path.namespace().orElseThrow();
    if (!ResourceTypes.knowsNamespace(ns) && !ns.equalsIgnoreCase("Microsoft.Resources")) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_NAMESPACE, ns);
    }
    return ResourceTypes.canonicalNamespace(ns).orElse("Microsoft.Resources");
  }

  private ResourceId registrationId(String namespace) {
    return new ResourceId("/subscriptions/" + settings.subscriptionId(), "Microsoft.Resources",
        List.of("providerRegistrations"), List.of(namespace));
  }

  private ObjectNode provider(String namespace) {
    String state = arm.store().get(registrationId(namespace))
        .map(r -> r.body().path("registrationState").asText()).orElse("Registered");
    ObjectNode p = Json.object();
    p.put("id", "/subscriptions/" + settings.subscriptionId() + "/providers/" + namespace);
    p.put("namespace", namespace);
    p.put("registrationPolicy", "RegistrationRequired");
    p.put("registrationState", state);
    ArrayNode types = p.putArray("resourceTypes");
    for (ResourceType type : ResourceTypes.inNamespace(namespace)) {
      ObjectNode t = types.addObject();
      t.put("resourceType", type.typePath());
      ArrayNode locations = t.putArray("locations");
      if (type.location() == LocationKind.GLOBAL) {
        locations.add("global");
      } else {
        settings.locations().forEach(l -> locations.add(CloudMetadata.displayName(l)));
      }
      ArrayNode versions = t.putArray("apiVersions");
      type.apiVersions().forEach(versions::add);
      t.put("defaultApiVersion", type.apiVersions().stream()
          .filter(v -> !v.contains("preview")).findFirst().orElse(type.newestApiVersion()));
      t.put("capabilities", type.location() == LocationKind.NONE ? "None" : "SupportsTags, SupportsLocation");
    }
    return p;
  }

  private static void onlyGet(ArmRequest request) {
    if (!request.method().equals("GET")) {
      throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, request.method());
    }
  }
}
