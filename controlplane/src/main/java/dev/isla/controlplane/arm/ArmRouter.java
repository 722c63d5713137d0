package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.ArmPath;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes an ARM request by its resource id to the engine: the request pipeline in one place.
 * Paths outside {@code /subscriptions} (metadata, tenants) go to {@link ArmFrontDoor}.
 */
public final class ArmRouter {

  private final Arm arm;
  private final ArmFrontDoor frontDoor;

  public ArmRouter(Arm arm, ArmFrontDoor frontDoor) {
    this.arm = arm;
    this.frontDoor = frontDoor;
  }

  /** The {@code Retry-After} seconds sent with 202 responses. */
  public int retryAfterSeconds() {
    return arm.settings().retryAfterSeconds();
  }

  /** Answers one request; throws {@link ArmException} for anything the client got wrong. */
  public ArmResponse route(ArmRequest request) {
    Optional<ArmResponse> outside = frontDoor.answer(request);
    if (outside.isPresent()) {
      return outside.get();
    }
    ArmPath path;
    try {
      path = ArmPath.parse(request.path());
    } catch (IllegalArgumentException e) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_ID, request.path());
    }
    checkSubscription(path.subscriptionId());
    String apiVersion = request.apiVersion(supportedVersions(path));
    return switch (path.kind()) {
      case SUBSCRIPTION -> onlyGet(request, () -> frontDoor.subscription());
      case RESOURCE_GROUPS, COLLECTION -> onlyGet(request, () -> paged(request,
          () -> collection(path, request)));
      case RESOURCES -> onlyGet(request, () -> paged(request,
          () -> frontDoor.genericList(path.id().orElseThrow(), request)));
      case PROVIDERS, PROVIDER, PROVIDER_ACTION -> frontDoor.providers(path, request);
      case RESOURCE -> resource(path.id().orElseThrow(), request, apiVersion);
      case ACTION -> action(path, request, apiVersion);
    };
  }

  /** A list answer cut to the page {@code $top}/{@code $skiptoken} ask for ({@link ListPage}). */
  private static ArmResponse paged(ArmRequest request, Supplier<ArmResponse> list) {
    ListPage page = ListPage.of(request.query());
    ArmResponse all = list.get();
    return all.body().filter(ObjectNode.class::isInstance)
        .map(body -> new ArmResponse(all.status(),
            Optional.of(page.apply((ObjectNode) body, request)), all.etag(), all.operation()))
        .orElse(all);
  }

  private void checkSubscription(String subscriptionId) {
    if (!subscriptionId.equalsIgnoreCase(arm.settings().subscriptionId())) {
      throw ArmException.of(ArmErrorCode.SUBSCRIPTION_NOT_FOUND, subscriptionId);
    }
  }

  private static String supportedVersions(ArmPath path) {
    return path.id().flatMap(ResourceId::resourceType)
        .or(() -> path.collectionType().flatMap(ResourceTypes::find))
        .map(t -> String.join(", ", t.apiVersions()))
        .orElse(String.join(", ", ResourceTypes.RESOURCE_GROUPS.apiVersions()));
  }

  private ArmResponse collection(ArmPath path, ArmRequest request) {
    ResourceType type = ResourceTypes.find(path.collectionType().orElseThrow()).orElseThrow();
    ArrayNode value = Json.array();
    arm.list(type, path.id().orElseThrow(), request.query()).forEach(value::add);
    ObjectNode body = Json.object();
    body.set("value", value);
    return ArmResponse.ok(body);
  }

  private ArmResponse resource(ResourceId id, ArmRequest request, String apiVersion) {
    if (isOperation(id, "operations")) {
      return onlyGet(request, () -> arm.operationStatus(id));
    }
    if (isOperation(id, "operationResults")) {
      return onlyGet(request, () -> arm.operationResult(id));
    }
    if (id.resourceType().isEmpty()) {
      return subResource(id, request);
    }
    return switch (request.method()) {
      case "GET", "HEAD" -> arm.get(id);
      case "PUT", "PATCH" -> arm.write(new Arm.Write(request.method(), id, request.jsonBody(true),
          apiVersion, request.query(), request.header("if-match"), request.header("if-none-match"), false));
      case "DELETE" -> arm.write(new Arm.Write("DELETE", id, Json.object(), apiVersion, request.query(),
          request.header("if-match"), Optional.empty(), false));
      default -> throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, request.method());
    };
  }

  private static boolean isOperation(ResourceId id, String kind) {
    return id.types().size() == 2
        && id.types().get(0).equalsIgnoreCase("locations")
        && id.types().get(1).equalsIgnoreCase(kind);
  }

  /** A GET below a known resource that is not itself a declared type (e.g. commandResults/{id}). */
  private ArmResponse subResource(ResourceId id, ArmRequest request) {
    for (int n = id.types().size() - 1; n > 0; n--) {
      ResourceId owner = new ResourceId(id.scope(), id.namespace(), id.types().subList(0, n),
          id.names().subList(0, n));
      Optional<ResourceType> type = owner.resourceType();
      if (type.isPresent() && request.method().equals("GET")) {
        List<String> rest = new java.util.ArrayList<>();
        for (int k = n; k < id.types().size(); k++) {
          rest.add(id.types().get(k));
          rest.add(id.names().get(k));
        }
        ResourceProvider provider = arm.provider(type.get()).orElseThrow();
        arm.get(owner);
        return ArmResponse.ok(provider.subResource(owner, rest, request.query()));
      }
    }
    throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_TYPE, String.join("/", id.types()),
        id.namespace(), request.query().getOrDefault("api-version", ""));
  }

  private ArmResponse action(ArmPath path, ArmRequest request, String apiVersion) {
    ResourceId id = path.id().orElseThrow();
    String action = path.action().orElseThrow();
    if (id.resourceType().isEmpty()) {
      throw ArmException.of(ArmErrorCode.INVALID_RESOURCE_TYPE, String.join("/", id.types()),
          id.namespace(), apiVersion);
    }
    if (request.method().equals("GET")) {
      ResourceProvider provider = arm.provider(id.resourceType().get()).orElseThrow();
      arm.get(id);
      return ArmResponse.ok(provider.subResource(id, List.of(action), request.query()));
    }
    if (!request.method().equals("POST")) {
      throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, request.method());
    }
    return arm.action(id, action, request.jsonBody(false), apiVersion, request.query());
  }

  private static ArmResponse onlyGet(ArmRequest request, java.util.function.Supplier<ArmResponse> get) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, request.method());
    }
    return get.get();
  }
}
