package dev.isla.controlplane.rp.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.arm.ActionResult;
import dev.isla.controlplane.arm.Arm;
import dev.isla.controlplane.arm.Mutation;
import dev.isla.controlplane.arm.ResourceProvider;
import dev.isla.controlplane.arm.ResourceRequest;
import dev.isla.controlplane.arm.Step;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Microsoft.Features/providers/features: preview feature flags of a subscription
 * (research/aks-isolation.md §4.2). Every known feature exists as {@code NotRegistered} until
 * registered; {@code register} answers {@code Registering} and the flag becomes
 * {@code Registered} after the configured delay; {@code unregister} goes through
 * {@code Unregistering} to {@code Unregistered}.
 */
public final class FeatureProvider implements ResourceProvider, Arm.VirtualResources {

  public static final String REGISTERED = "Registered";

  /** Features Isla knows, by namespace (canonical spelling). */
  private static final Map<String, List<String>> KNOWN = Map.of(
      "Microsoft.ContainerService", List.of("NetworkIsolatedClusterPreview",
          "EnableAPIServerVnetIntegrationPreview", "AKS-PrometheusAddonPreview",
          "EnablePrivateClusterPublicFQDN", "NodeOsUpgradeChannelPreview"),
      "Microsoft.ContainerRegistry", List.of("ArtifactCachePreview", "AllowCacheRuleWildcards"),
      "Microsoft.Network", List.of("AllowPrivateEndpoints", "EnableDefaultOutboundAccessControl"));

  private final Arm arm;

  public FeatureProvider(Arm arm) {
    this.arm = arm;
  }

  @Override
  public ResourceType type() {
    return ResourceTypes.FEATURES;
  }

  /** The registration state of a feature, e.g. {@code Registered}. */
  public static String state(ResourceStore store, String subscriptionId, String namespace, String feature) {
    return store.get(idOf(subscriptionId, namespace, feature))
        .map(r -> r.body().path("properties").path("state").asText())
        .orElse("NotRegistered");
  }

  private static ResourceId idOf(String subscriptionId, String namespace, String feature) {
    return new ResourceId("/subscriptions/" + subscriptionId, "Microsoft.Features",
        List.of("providers", "features"), List.of(namespace, feature));
  }

  @Override
  public ObjectNode defaultBody(ResourceId id) {
    String[] names = canonical(id);
    return body(idOf(id.subscriptionId(), names[0], names[1]), "NotRegistered");
  }

  private static String[] canonical(ResourceId id) {
    String ns = id.names().get(0);
    String feature = id.names().get(1);
    for (Map.Entry<String, List<String>> e : KNOWN.entrySet()) {
      if (e.getKey().equalsIgnoreCase(ns)) {
        for (String f : e.getValue()) {
          if (f.equalsIgnoreCase(feature)) {
            return new String[] {e.getKey(), f};
          }
        }
      }
    }
    throw ArmException.of(ArmErrorCode.FEATURE_NOT_FOUND, feature, ns);
  }

  private static ObjectNode body(ResourceId id, String state) {
    ObjectNode out = Json.object();
    out.put("id", id.toString());
    out.put("name", id.names().get(0) + "/" + id.names().get(1));
    out.putObject("properties").put("state", state);
    out.put("type", ResourceTypes.FEATURES.wireType());
    return out;
  }

  @Override
  public Mutation put(ResourceRequest request) {
    throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, "PUT");
  }

  @Override
  public Mutation delete(ResourceRequest request) {
    throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, "DELETE");
  }

  @Override
  public ActionResult action(String action, ResourceRequest request) {
    String[] names = canonical(request.id());
    ResourceId id = idOf(request.id().subscriptionId(), names[0], names[1]);
    String current = request.existing().map(r -> r.body().path("properties").path("state").asText())
        .orElse("NotRegistered");
    return switch (action.toLowerCase(Locale.ROOT)) {
      case "register" -> transition(request, id, current, REGISTERED, "Registering");
      case "unregister" -> transition(request, id, current, "Unregistered", "Unregistering");
      default -> throw ArmException.of(ArmErrorCode.UNKNOWN_ACTION, action, type().fullName());
    };
  }

  private ActionResult transition(ResourceRequest request, ResourceId id, String current,
      String target, String via) {
    if (current.equals(target) || current.equals(via)) {
      return ActionResult.ok(body(id, current));
    }
    ObjectNode pending = body(id, via);
    request.tx().put(id, type().key(), pending);
    ObjectNode args = Json.object().put("state", target);
    return ActionResult.okThen(pending, new Step("settle", args));
  }

  @Override
  public JsonNode finish(ResourceId id, Step step) {
    String target = step.args().path("state").asText(REGISTERED);
    arm.store().transaction(tx -> tx.put(id, type().key(), body(id, target)));
    return Json.object();
  }

  @Override
  public List<StoredResource> list(ResourceStore store, ResourceId parent, Map<String, String> query) {
    Map<String, StoredResource> byKey = new TreeMap<>();
    Instant now = arm.clock().instant();
    String sub = parent.subscriptionId();
    Optional<String> onlyNs = parent.isSubscription() ? Optional.empty() : Optional.of(parent.name());
    KNOWN.forEach((ns, features) -> {
      if (onlyNs.isPresent() && !onlyNs.get().equalsIgnoreCase(ns)) {
        return;
      }
      for (String f : features) {
        ResourceId id = idOf(sub, ns, f);
        byKey.put(id.key(), new StoredResource(id, type().key(), body(id, "NotRegistered"), "", now, now));
      }
    });
    for (StoredResource r : store.list(ResourceQuery.ofType(type().key()))) {
      if (onlyNs.isEmpty() || r.id().names().get(0).equalsIgnoreCase(onlyNs.get())) {
        byKey.put(r.id().key(), r);
      }
    }
    return new ArrayList<>(byKey.values());
  }
}
