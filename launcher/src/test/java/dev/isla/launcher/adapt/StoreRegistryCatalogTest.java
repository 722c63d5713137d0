package dev.isla.launcher.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.store.MemoryResourceStore;
import dev.isla.controlplane.store.ResourceQuery;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.StoredResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The registry catalog's cache (found by {@code bench/load.sh}: with 200 clients writing ARM
 * resources, every registry request read every registry, virtual network, subnet and endpoint
 * of the store again, many at once, and throughput fell run after run as the store grew).
 */
class StoreRegistryCatalogTest {

  private static final String SUB = "00000000-0000-0000-0000-000000000001";
  private static final ResourceId ACR = ResourceId.of(SUB, "rg", "Microsoft.ContainerRegistry", "registries", "acrload1");

  private final Set<String> typesRead = ConcurrentHashMap.newKeySet();
  private final ObservedStore store = new ObservedStore(recording(new MemoryResourceStore()));

  @Test
  void registryWritesAreSeenAtOnceAndWritesElsewhereDoNotReload() {
    StoreRegistryCatalog catalog = new StoreRegistryCatalog(store);
    assertThat(catalog.findByHost("acrload1.azurecr.io")).isEmpty();
    put(ACR, ResourceTypes.REGISTRIES.key(), registry());
    assertThat(catalog.findByHost("acrload1.azurecr.io")).isPresent();
    long loads = catalog.loads();

    put(ResourceId.resourceGroup(SUB, "rg"), ResourceTypes.RESOURCE_GROUPS.key(), Json.object().put("location", "eastus"));
    ResourceId vnet = ResourceId.of(SUB, "rg", "Microsoft.Network", "virtualNetworks", "v");
    put(vnet, ResourceTypes.VIRTUAL_NETWORKS.key(), Json.object().put("location", "eastus"));
    store.transaction(tx -> tx.delete(vnet));
    assertThat(catalog.findByHost("acrload1.azurecr.io")).isPresent();
    assertThat(catalog.cacheRules("acrload1")).isEmpty();
    assertThat(catalog.loads()).as("no reload for a group or network write").isEqualTo(loads);

    ObjectNode rule = Json.object();
    rule.putObject("properties").put("sourceRepository", "mcr.microsoft.com/*")
        .put("targetRepository", "*").put("provisioningState", "Succeeded");
    put(ACR.child("cacheRules", "rule1"), ResourceTypes.CACHE_RULES.key(), rule);
    assertThat(catalog.cacheRules("acrload1")).extracting(r -> r.name()).containsExactly("rule1");
    store.transaction(tx -> tx.delete(ACR));
    assertThat(catalog.findByHost("acrload1.azurecr.io")).as("a deleted registry is gone at once").isEmpty();
  }

  @Test
  void aRegistryWithDataEndpointsRedirectsDownloadsToThemAndOneWithoutDoesNot() {
    StoreRegistryCatalog catalog = new StoreRegistryCatalog(store);
    put(ACR, ResourceTypes.REGISTRIES.key(), registry());
    assertThat(catalog.findByHost("acrload1.azurecr.io").orElseThrow().downloadHost()).isEmpty();
    ObjectNode enabled = registry();
    ((ObjectNode) enabled.get("properties")).put("dataEndpointEnabled", true);
    put(ACR, ResourceTypes.REGISTRIES.key(), enabled);
    assertThat(catalog.findByHost("acrload1.azurecr.io").orElseThrow().downloadHost())
        .contains("acrload1.eastus.data.azurecr.io");
    assertThat(catalog.findByHost("acrload1.eastus.data.azurecr.io")).isPresent();
  }

  @Test
  void readsOnlyTheTypesItIsInvalidatedBy() {
    put(ACR, ResourceTypes.REGISTRIES.key(), registry());
    typesRead.clear();
    new StoreRegistryCatalog(store).findByHost("acrload1.azurecr.io");
    assertThat(typesRead).isNotEmpty().isSubsetOf(StoreRegistryCatalog.TYPES);
  }

  @Test
  void concurrentReadersAfterAWriteLoadOnce() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(50);
    StoreSnapshot<Integer> snapshot = new StoreSnapshot<>(store, () -> {
      try {
        started.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return loads.incrementAndGet();
    });
    put(ACR, ResourceTypes.REGISTRIES.key(), registry());
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        pool.submit(() -> {
          started.countDown();
          seen.add(snapshot.get());
        });
      }
    }
    assertThat(loads.get()).as("one load for 50 concurrent readers").isEqualTo(1);
    assertThat(seen).hasSize(50).containsOnly(1);
    put(ACR, ResourceTypes.REGISTRIES.key(), registry());
    assertThat(snapshot.get()).as("a later write is loaded by the next read").isEqualTo(2);
  }

  private static ObjectNode registry() {
    ObjectNode body = Json.object().put("location", "eastus");
    body.putObject("sku").put("name", "Premium");
    body.putObject("properties").put("provisioningState", "Succeeded");
    return body;
  }

  private void put(ResourceId id, String type, ObjectNode body) {
    store.transaction(tx -> tx.put(id, type, body));
  }

  /** The store, noting the type of every resource read outside transactions. */
  private ResourceStore recording(ResourceStore delegate) {
    return new ResourceStore() {
      @Override
      public Optional<StoredResource> get(ResourceId id) {
        Optional<StoredResource> r = delegate.get(id);
        r.ifPresent(s -> typesRead.add(s.type()));
        return r;
      }

      @Override
      public List<StoredResource> list(ResourceQuery query) {
        typesRead.add(query.type().orElse("<every type>"));
        return delegate.list(query);
      }

      @Override
      public <T> T transaction(Function<Transaction, T> work) {
        return delegate.transaction(work);
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }
}
