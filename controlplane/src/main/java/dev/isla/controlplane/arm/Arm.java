package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceType;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ARM engine: runs every read, write and action through the same pipeline, for HTTP
 * requests and for providers calling each other (AKS creating its managed registry, a resource
 * group deleting its resources).
 *
 * <p>The write pipeline, in order ({@link #write}): find the provider; in one transaction check
 * the parent exists and is not being deleted, check ETag preconditions, refuse when another
 * operation runs on the resource, let the provider decide, stamp id/name/type, store, record the
 * operation; after commit, schedule the operation.
 */
public final class Arm implements AutoCloseable {

  private final ResourceStore store;
  private final ArmSettings settings;
  private final Clock clock;
  private final Map<String, ResourceProvider> providers = new LinkedHashMap<>();
  private final Operations operations;

  public Arm(ResourceStore store, ArmSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.operations = new Operations(store, this, clock, settings.operationDelay());
  }

  public ArmSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public ResourceStore store() {
    return store;
  }

  /** Registers a provider; one per type. */
  public void register(ResourceProvider provider) {
    if (providers.putIfAbsent(provider.type().key(), provider) != null) {
      throw new IllegalStateException("two providers for " + provider.type().fullName());
    }
  }

  /** Resumes operations left in progress by a previous process. Call once, after registering. */
  public void start() {
    operations.resumeAll();
  }

  /** The provider of a declared type, if one is registered. */
  public Optional<ResourceProvider> provider(ResourceType type) {
    return Optional.ofNullable(providers.get(type.key()));
  }

  ResourceProvider providerFor(String typeKey) {
    ResourceProvider p = providers.get(typeKey.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalStateException("no provider registered for " + typeKey);
    }
    return p;
  }

  private ResourceProvider providerOf(ResourceId id) {
    ResourceType type = id.resourceType()
        .orElseThrow(() -> ArmException.of(ArmErrorCode.INVALID_RESOURCE_TYPE,
            String.join("/", id.types()), id.namespace(), "any"));
    return provider(type).orElseThrow(() -> ArmException.of(ArmErrorCode.INVALID_RESOURCE_TYPE,
        type.typePath(), type.namespace(), "any"));
  }

  // ---- reads ---------------------------------------------------------------------------------

  /** The resource as GET shows it. */
  public Optional<ObjectNode> find(ResourceId id) {
    ResourceProvider provider = providerOf(id);
    return store.get(id).map(r -> view(provider, r));
  }

  /** GET of one resource, or ARM's not-found error. */
  public ArmResponse get(ResourceId id) {
    ResourceProvider provider = providerOf(id);
    Optional<StoredResource> stored = store.get(id);
    if (stored.isEmpty() && provider instanceof VirtualResources virtual) {
      return ArmResponse.ok(virtual.defaultBody(id));
    }
    StoredResource r = stored.orElseThrow(() -> notFound(id));
    return ArmResponse.ok(view(provider, r)).withEtag(r.etag());
  }

  /** Views of the resources of {@code type} below {@code parent} (collection GET). */
  public List<ObjectNode> list(ResourceType type, ResourceId parent, Map<String, String> query) {
    ResourceProvider provider = provider(type).orElseThrow(() -> ArmException.of(
        ArmErrorCode.INVALID_RESOURCE_TYPE, type.typePath(), type.namespace(), "any"));
    if (!parent.isSubscription() && store.get(parent).isEmpty() && !isVirtual(parent)) {
      throw notFound(parent);
    }
    return provider.list(store, parent, query).stream().map(r -> view(provider, r)).toList();
  }

  private boolean isVirtual(ResourceId id) {
    return id.resourceType().map(t -> t.equals(dev.isla.arm.ResourceTypes.SUBSCRIPTIONS)).orElse(true);
  }

  ObjectNode view(ResourceProvider provider, StoredResource r) {
    return view(provider, r, ResourceReader.of(store));
  }

  private ObjectNode view(ResourceProvider provider, StoredResource r, ResourceReader reader) {
    ObjectNode view = provider.view(r, reader);
    if (provider.showsEtag() && !view.has("etag")) {
      view.put("etag", r.etag());
    }
    return view;
  }

  /** ARM's not-found error for {@code id}: resource group, parent or resource. */
  public ArmException notFound(ResourceId id) {
    if (id.isResourceGroup()) {
      return ArmException.of(ArmErrorCode.RESOURCE_GROUP_NOT_FOUND, id.name());
    }
    if (id.isSubscription()) {
      return ArmException.of(ArmErrorCode.SUBSCRIPTION_NOT_FOUND, id.name());
    }
    String group = id.resourceGroup().orElse("");
    return ArmException.of(ArmErrorCode.RESOURCE_NOT_FOUND, id.typeName() + "/" + id.name(), group);
  }

  // ---- writes --------------------------------------------------------------------------------

  /** A write request: PUT, PATCH or DELETE with its preconditions. */
  public record Write(String method, ResourceId id, ObjectNode body, String apiVersion,
      Map<String, String> query, Optional<String> ifMatch, Optional<String> ifNoneMatch, boolean force,
      Optional<Caller> caller) {

    /** A write the engine makes for a provider: no caller. */
    public static Write put(ResourceId id, ObjectNode body) {
      return new Write("PUT", id, body, "internal", Map.of(), Optional.empty(), Optional.empty(), false,
          Optional.empty());
    }

    public static Write delete(ResourceId id, boolean force) {
      return new Write("DELETE", id, Json.object(), "internal", Map.of(), Optional.empty(),
          Optional.empty(), force, Optional.empty());
    }

    /** The same write, made by {@code who}. */
    public Write by(Caller who) {
      return new Write(method, id, body, apiVersion, query, ifMatch, ifNoneMatch, force, Optional.of(who));
    }
  }

  /** Runs a write through the pipeline and answers as ARM does (201/200/202/204). */
  public ArmResponse write(Write w) {
    ResourceProvider provider = providerOf(w.id());
    Outcome outcome = store.transaction(tx -> decide(provider, w, tx));
    outcome.operation().ifPresent(operations::schedule);
    return outcome.response();
  }

  /** Runs a write and, if it started an operation, runs that to its end in this thread. */
  public Optional<ObjectNode> writeAndWait(Write w) {
    ResourceProvider provider = providerOf(w.id());
    Outcome outcome = store.transaction(tx -> decide(provider, w, tx));
    outcome.operation().ifPresent(operations::runNow);
    Optional<ResourceId> failed = outcome.operation().filter(op ->
        store.get(op).map(o -> o.body().path("status").asText().equals("Failed")).orElse(false));
    if (failed.isPresent()) {
      JsonNode error = store.get(failed.get()).orElseThrow().body().path("error");
      throw ArmException.replay(dev.isla.arm.ArmError.fromBody(error).orElseThrow(),
          ArmErrorCode.CONFLICT, 400);
    }
    return w.method().equals("DELETE") ? Optional.empty() : find(w.id());
  }

  private record Outcome(ArmResponse response, Optional<ResourceId> operation) {}

  private Outcome decide(ResourceProvider provider, Write w, ResourceStore.Transaction tx) {
    ResourceId id = w.id();
    Optional<StoredResource> existing = tx.get(id);
    checkParent(tx, id, w.method().equals("DELETE"));
    checkPreconditions(id, existing, w.ifMatch(), w.ifNoneMatch());
    if (!w.method().equals("PUT") && existing.isEmpty()) {
      if (w.method().equals("DELETE")) {
        if (provider instanceof VirtualResources) {
          // Virtual resources exist unstored: their provider decides (e.g. built-in roles refuse).
          provider.delete(new ResourceRequest(id, w.body(), existing, tx, w.apiVersion(), w.query(), w.force(),
              w.caller()));
        }
        return new Outcome(ArmResponse.empty(204), Optional.empty());
      }
      throw notFound(id);
    }
    existing.ifPresent(r -> checkNoOperationRuns(provider, r));
    ResourceId canonical = existing.map(StoredResource::id).orElse(id);
    ResourceRequest request = new ResourceRequest(canonical, w.body(), existing, tx, w.apiVersion(),
        w.query(), w.force(), w.caller());
    Mutation mutation = switch (w.method()) {
      case "PUT" -> {
        checkProvisioningStateUnchanged(w.body(), existing);
        yield provider.put(request);
      }
      case "PATCH" -> provider.patch(request);
      case "DELETE" -> provider.delete(request);
      default -> throw ArmException.of(ArmErrorCode.METHOD_NOT_ALLOWED, w.method());
    };
    return apply(provider, canonical, existing, mutation, tx, w.caller());
  }

  private Outcome apply(ResourceProvider provider, ResourceId id, Optional<StoredResource> existing,
      Mutation mutation, ResourceStore.Transaction tx, Optional<Caller> caller) {
    String location = existing.map(r -> r.body().path("location").asText(""))
        .filter(l -> !l.isEmpty() && !l.equals("global")).orElse(settings.locations().getFirst());
    return switch (mutation) {
      case Mutation.Store store -> {
        ObjectNode body = stamp(id, provider, store.body());
        if (provider.recordsSystemData()) {
          SystemData.stamp(body, existing, caller, clock.instant());
        }
        StoredResource saved = tx.put(id, provider.type().key(), body);
        int status = existing.isPresent() ? 200 : 201;
        ArmResponse response = ArmResponse.of(status, view(provider, saved, ResourceReader.of(tx))).withEtag(saved.etag());
        if (store.step().isEmpty()) {
          yield new Outcome(response, Optional.empty());
        }
        String loc = saved.body().path("location").asText(location);
        ResourceId op = operations.create(tx, id, provider.type().key(),
            loc.equals("global") ? location : loc, Operations.Kind.PUT, store.step().get(), true);
        yield new Outcome(response.withOperation(Operations.ref(op)), Optional.of(op));
      }
      case Mutation.Delete delete -> {
        if (delete.step().isEmpty()) {
          deleteTree(tx, id);
          yield new Outcome(ArmResponse.empty(200), Optional.empty());
        }
        StoredResource current = existing.orElseThrow();
        tx.put(id, current.type(), ProvisioningState.set(current.body(), "Deleting"));
        ResourceId op = operations.create(tx, id, provider.type().key(), location,
            Operations.Kind.DELETE, delete.step().get(), true);
        yield new Outcome(ArmResponse.empty(202).withOperation(Operations.ref(op)), Optional.of(op));
      }
    };
  }

  /** id, name and type first, in ARM's order, then what the provider built. */
  private ObjectNode stamp(ResourceId id, ResourceProvider provider, ObjectNode body) {
    ObjectNode out = Json.object();
    out.put("id", id.toString());
    out.put("name", id.isResourceGroup() || id.types().size() == 1 || !provider.type().isChild()
        ? id.name() : id.name());
    out.put("type", provider.type().wireType());
    body.remove(List.of("id", "name", "type"));
    out.setAll(body);
    return out;
  }

  /** Applies a finished step: called by {@link Operations} in the completing transaction. */
  void applyFinished(ResourceStore.Transaction tx, ResourceId id, Operations.Kind kind, JsonNode result) {
    switch (kind) {
      case PUT -> {
        StoredResource current = tx.get(id).orElseThrow(() -> notFound(id));
        ObjectNode body = result instanceof ObjectNode o ? o.deepCopy() : current.body();
        if (!ProvisioningState.isTerminal(ProvisioningState.of(body))) {
          ProvisioningState.set(body, ProvisioningState.SUCCEEDED);
        }
        SystemData.keep(body, current);
        tx.put(id, current.type(), stamp(id, providerFor(current.type()), body));
      }
      case DELETE -> deleteTree(tx, id);
      case ACTION -> { }
    }
  }

  /** Deletes a resource and everything below it (children, extension resources on it). */
  void deleteTree(ResourceStore.Transaction tx, ResourceId id) {
    List<StoredResource> below = new ArrayList<>(tx.list(ResourceQuery.all().withUnder(id)));
    below.sort(Comparator.comparingInt((StoredResource r) -> r.id().key().length()).reversed());
    below.stream().filter(r -> !r.type().equals(Operations.TYPE)).forEach(r -> tx.delete(r.id()));
    tx.delete(id);
  }

  private void checkParent(ResourceStore.Transaction tx, ResourceId id, boolean deleting) {
    Optional<ResourceId> parent = id.parent();
    if (parent.isEmpty() || parent.get().isSubscription()) {
      return;
    }
    Optional<StoredResource> p = tx.get(parent.get());
    if (p.isEmpty()) {
      // ARM answers a write on a missing extension scope with the scope's own not-found error.
      if (id.resourceType().map(t -> t.scope() == dev.isla.arm.ScopeKind.EXTENSION).orElse(false)) {
        throw notFound(parent.get());
      }
      if (parent.get().isResourceGroup()) {
        throw ArmException.of(ArmErrorCode.RESOURCE_GROUP_NOT_FOUND, parent.get().name());
      }
      throw ArmException.of(ArmErrorCode.PARENT_RESOURCE_NOT_FOUND, "write", id.typeName(),
          parent.get().typeName() + "/" + parent.get().name());
    }
    // Deletes go on in a group being deleted: its own cascade deletes its resources one by one.
    if (!deleting && parent.get().isResourceGroup()
        && ProvisioningState.of(p.get().body()).equals("Deleting")) {
      throw ArmException.of(ArmErrorCode.RESOURCE_GROUP_BEING_DELETED, parent.get().name());
    }
  }

  private static void checkPreconditions(ResourceId id, Optional<StoredResource> existing,
      Optional<String> ifMatch, Optional<String> ifNoneMatch) {
    if (ifMatch.isPresent()) {
      String wanted = ifMatch.get().trim();
      boolean ok = existing.isPresent() && (wanted.equals("*") || wanted.equals(existing.get().etag()));
      if (!ok) {
        throw ArmException.of(ArmErrorCode.PRECONDITION_FAILED, "If-Match: " + wanted, id.toString());
      }
    }
    if (ifNoneMatch.isPresent() && existing.isPresent()) {
      String wanted = ifNoneMatch.get().trim();
      if (wanted.equals("*") || wanted.equals(existing.get().etag())) {
        throw ArmException.of(ArmErrorCode.PRECONDITION_FAILED, "If-None-Match: " + wanted, id.toString());
      }
    }
  }

  private static void checkNoOperationRuns(ResourceProvider provider, StoredResource r) {
    String state = ProvisioningState.of(r.body());
    if (!ProvisioningState.isTerminal(state)) {
      throw provider.operationInProgress(r);
    }
  }

  private static void checkProvisioningStateUnchanged(ObjectNode body, Optional<StoredResource> existing) {
    JsonNode sent = body.path("properties").path("provisioningState");
    if (sent.isTextual()) {
      String current = existing.map(r -> ProvisioningState.of(r.body())).orElse(ProvisioningState.SUCCEEDED);
      if (!sent.asText().equalsIgnoreCase(current)) {
        throw ArmException.of(ArmErrorCode.CHANGING_PROVISIONING_STATE, current, sent.asText());
      }
    }
  }

  // ---- actions -------------------------------------------------------------------------------

  /** A POST action on a resource. */
  public ArmResponse action(ResourceId id, String action, ObjectNode body, String apiVersion,
      Map<String, String> query) {
    ResourceProvider provider = providerOf(id);
    Outcome outcome = store.transaction(tx -> {
      Optional<StoredResource> existing = tx.get(id);
      if (existing.isEmpty()) {
        if (provider instanceof VirtualResources virtual) {
          virtual.defaultBody(id);
        } else {
          throw notFound(id);
        }
      }
      ResourceRequest request = new ResourceRequest(existing.map(StoredResource::id).orElse(id), body,
          existing, tx, apiVersion, query, false, Optional.empty());
      ActionResult result = provider.action(action, request);
      if (result.step().isEmpty()) {
        return new Outcome(new ArmResponse(result.status(), result.body(), Optional.empty(), Optional.empty()),
            Optional.empty());
      }
      String location = existing.map(r -> r.body().path("location").asText(""))
          .filter(l -> !l.isEmpty() && !l.equals("global")).orElse(settings.locations().getFirst());
      ResourceId op = operations.create(tx, id, provider.type().key(), location, Operations.Kind.ACTION,
          result.step().get(), !result.background());
      ArmResponse response = result.background()
          ? new ArmResponse(result.status(), result.body(), Optional.empty(), Optional.empty())
          : new ArmResponse(202, result.body(), Optional.empty(), Optional.of(Operations.ref(op)));
      return new Outcome(response, Optional.of(op));
    });
    outcome.operation().ifPresent(op -> operations.schedule(op,
        isVirtualProvider(provider) ? settings.featureRegistrationDelay() : settings.operationDelay()));
    return outcome.response();
  }

  /** Providers whose resources exist without being stored (feature flags). */
  private static boolean isVirtualProvider(ResourceProvider provider) {
    return provider instanceof VirtualResources;
  }

  /**
   * Providers whose resources exist before anyone writes them (feature flags): a GET of an
   * unstored one shows its default.
   */
  public interface VirtualResources {

    /** The default body of {@code id}; throws the type's not-found error for unknown names. */
    ObjectNode defaultBody(ResourceId id);
  }

  // ---- operations ----------------------------------------------------------------------------

  /** The operation status resource (target of {@code Azure-AsyncOperation}). */
  public ArmResponse operationStatus(ResourceId opId) {
    StoredResource op = store.get(opId).filter(o -> o.type().equals(Operations.TYPE))
        .orElseThrow(() -> ArmException.of(ArmErrorCode.OPERATION_NOT_FOUND, opId.name()));
    ObjectNode body = op.body();
    body.remove("isla");
    boolean running = body.path("status").asText().equals(Operations.IN_PROGRESS);
    return running ? ArmResponse.ok(body).stillRunning() : ArmResponse.ok(body);
  }

  /** The operation result (target of {@code Location}): 202 while running, then the outcome. */
  public ArmResponse operationResult(ResourceId resultId) {
    ResourceId opId = new ResourceId(resultId.scope(), resultId.namespace(),
        List.of("locations", "operations"), resultId.names());
    StoredResource op = store.get(opId).filter(o -> o.type().equals(Operations.TYPE))
        .orElseThrow(() -> ArmException.of(ArmErrorCode.OPERATION_NOT_FOUND, opId.name()));
    JsonNode body = op.body();
    String status = body.path("status").asText();
    if (status.equals(Operations.IN_PROGRESS)) {
      return ArmResponse.empty(202).withOperation(Operations.ref(opId));
    }
    if (status.equals("Failed") || status.equals("Canceled")) {
      dev.isla.arm.ArmError error = dev.isla.arm.ArmError.fromBody(body.path("error")).orElseThrow();
      throw ArmException.replay(error, ArmErrorCode.CONFLICT,
          error.code().equals(ArmErrorCode.INTERNAL_ERROR.code()) ? 500 : 400);
    }
    JsonNode meta = body.path("isla");
    ResourceId target = ResourceId.parse(meta.path("resourceId").asText());
    return switch (Operations.Kind.valueOf(meta.path("kind").asText())) {
      case PUT -> find(target).<ArmResponse>map(ArmResponse::ok).orElseGet(() -> ArmResponse.empty(204));
      case DELETE -> ArmResponse.empty(204);
      case ACTION -> meta.path("result").isMissingNode() || meta.path("result").isNull()
          ? ArmResponse.empty(204) : ArmResponse.ok(meta.get("result"));
    };
  }

  @Override
  public void close() {
    operations.close();
  }
}
