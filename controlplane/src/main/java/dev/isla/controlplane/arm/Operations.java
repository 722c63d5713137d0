package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmError;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long-running operations as ARM runs them (research/aks-isolation.md §4.1): each one is an
 * operation status resource, persisted in the {@link ResourceStore} together with the provider's
 * {@link Step}, so that an operation interrupted by a crash is resumed at the next start and
 * always ends {@code Succeeded} or {@code Failed}, never stuck.
 */
final class Operations implements AutoCloseable {

  /** Storage type key of operation records; never listed by any API. */
  static final String TYPE = "isla.internal/operations";

  static final String IN_PROGRESS = "InProgress";

  private static final Logger LOG = Logger.getLogger(Operations.class.getName());

  private final ResourceStore store;
  private final Arm arm;
  private final Clock clock;
  private final Duration delay;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("isla-lro-timer").factory());
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("isla-lro-", 0).factory());

  Operations(ResourceStore store, Arm arm, Clock clock, Duration delay) {
    this.store = store;
    this.arm = arm;
    this.clock = clock;
    this.delay = delay;
  }

  /** The kinds of operation, which decide how a finished step is applied. */
  enum Kind { PUT, DELETE, ACTION }

  /**
   * Records a new operation inside the caller's transaction. The caller schedules it with
   * {@link #schedule} once that transaction committed.
   */
  ResourceId create(ResourceStore.Transaction tx, ResourceId target, String providerType,
      String location, Kind kind, Step step, boolean exposed) {
    String name = UUID.randomUUID().toString();
    ResourceId opId = new ResourceId("/subscriptions/" + target.subscriptionId(), target.namespace(),
        List.of("locations", "operations"), List.of(location, name));
    ObjectNode body = Json.object();
    body.put("id", opId.toString());
    body.put("name", name);
    body.put("status", IN_PROGRESS);
    body.put("startTime", clock.instant().toString());
    body.put("percentComplete", 0.0);
    ObjectNode meta = body.putObject("isla");
    meta.put("resourceId", target.toString());
    meta.put("provider", providerType);
    meta.put("kind", kind.name());
    meta.put("exposed", exposed);
    meta.put("stepName", step.name());
    meta.set("stepArgs", step.args());
    tx.put(opId, TYPE, body);
    return opId;
  }

  /** The two URLs clients poll for an operation. */
  static ArmResponse.OperationRef ref(ResourceId opId) {
    String status = opId.toString();
    String result = status.replaceFirst("/operations/([^/]+)$", "/operationResults/$1");
    return new ArmResponse.OperationRef(status, result);
  }

  /** Runs the operation after the configured delay, on a virtual thread. */
  void schedule(ResourceId opId, Duration after) {
    timer.schedule(() -> workers.submit(() -> run(opId)), after.toMillis(), TimeUnit.MILLISECONDS);
  }

  void schedule(ResourceId opId) {
    schedule(opId, delay);
  }

  /** Resumes every operation a previous process left in progress. */
  void resumeAll() {
    List<StoredResource> pending = store.list(ResourceQuery.ofType(TYPE)).stream()
        .filter(op -> op.body().path("status").asText().equals(IN_PROGRESS))
        .toList();
    for (StoredResource op : pending) {
      LOG.info(() -> "resuming operation " + op.id().name() + " on " + op.body().path("isla").path("resourceId").asText());
      schedule(op.id(), Duration.ZERO);
    }
  }

  /** Runs an operation to its end now, in the calling thread (internal calls between providers). */
  void runNow(ResourceId opId) {
    run(opId);
  }

  private void run(ResourceId opId) {
    Optional<StoredResource> op = store.get(opId);
    if (op.isEmpty() || !op.get().body().path("status").asText().equals(IN_PROGRESS)) {
      return;
    }
    JsonNode meta = op.get().body().path("isla");
    ResourceId target = ResourceId.parse(meta.path("resourceId").asText());
    Kind kind = Kind.valueOf(meta.path("kind").asText());
    Step step = new Step(meta.path("stepName").asText(), (ObjectNode) meta.path("stepArgs"));
    try {
      ResourceProvider provider = arm.providerFor(meta.path("provider").asText());
      JsonNode result = provider.finish(target, step);
      store.transaction(tx -> {
        arm.applyFinished(tx, target, kind, result);
        complete(tx, opId, "Succeeded", Optional.empty(), Optional.ofNullable(result));
        return null;
      });
    } catch (ArmException e) {
      fail(opId, target, kind, e.toError());
    } catch (RuntimeException e) {
      String tracking = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "operation " + opId.name() + " failed unexpectedly (tracking id " + tracking + ")", e);
      fail(opId, target, kind, ArmException.of(ArmErrorCode.INTERNAL_ERROR, tracking).toError());
    }
  }

  private void fail(ResourceId opId, ResourceId target, Kind kind, ArmError error) {
    store.transaction(tx -> {
      if (kind != Kind.ACTION) {
        tx.get(target).ifPresent(r -> tx.put(target, r.type(),
            ProvisioningState.set(r.body(), ProvisioningState.FAILED)));
      }
      complete(tx, opId, "Failed", Optional.of(error), Optional.empty());
      return null;
    });
  }

  private void complete(ResourceStore.Transaction tx, ResourceId opId, String status,
      Optional<ArmError> error, Optional<JsonNode> result) {
    tx.get(opId).ifPresent(op -> {
      ObjectNode body = op.body();
      body.put("status", status);
      body.put("endTime", clock.instant().toString());
      body.put("percentComplete", 100.0);
      error.ifPresent(e -> body.set("error", e.toJson()));
      result.ifPresent(r -> ((ObjectNode) body.get("isla")).set("result", r));
      tx.put(opId, TYPE, body);
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
