package dev.isla.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@link ResourceStore} contract: every implementation's test extends this class and supplies
 * the store under test through {@link #createStore}. Lists and their ordering are checked in
 * {@link ResourceQueryContract}, which this class extends.
 */
abstract class ResourceStoreContract extends ResourceQueryContract {

  @Test
  void putThenGetReturnsTheBodyByteForByte() {
    ObjectNode body = (ObjectNode) Json.parse("""
        {"location":"westeurope","tags":{"b":"2","a":"1"},"properties":{"addressSpace":
        {"addressPrefixes":["10.0.0.0/16"]},"n":-3,"big":12345678901234,"f":0.25,"t":true,
        "none":null,"text":"ünïcødé \\"quoted\\" \\u0001 🚀","empty":{},"list":[]}}""");

    StoredResource written = put(VNET, VNETS, body);
    StoredResource read = store.get(VNET).orElseThrow();

    assertThat(Json.write(read.body())).isEqualTo(Json.write(body));
    assertThat(read).isEqualTo(written);
    assertThat(read.id().toString()).isEqualTo(VNET.toString());
    assertThat(read.type()).isEqualTo("microsoft.network/virtualnetworks");
    assertThat(read.createdAt()).isEqualTo(clock.instant());
    assertThat(read.changedAt()).isEqualTo(clock.instant());
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    assertThat(store.get(VNET)).isEmpty();
  }

  @Test
  void getIgnoresCaseAndTheFirstSpellingStays() {
    put(VNET, VNETS, body("n", 1));
    ResourceId shouting = ResourceId.parse(VNET.toString().toUpperCase());

    put(shouting, VNETS, body("n", 2));

    StoredResource read = store.get(ResourceId.parse(VNET.toString().toLowerCase())).orElseThrow();
    assertThat(read.id().toString()).isEqualTo(VNET.toString());
    assertThat(read.body().get("n").asText()).isEqualTo("2");
    assertThat(store.list(ResourceQuery.all())).hasSize(1);
  }

  @Test
  void everyWriteGetsANewEtagAndKeepsCreatedAt() {
    Instant created = clock.instant();
    String first = put(VNET, VNETS, body("n", 1)).etag();
    clock.advance(Duration.ofSeconds(5));
    String second = put(VNET, VNETS, body("n", 1)).etag();

    StoredResource read = store.get(VNET).orElseThrow();
    assertThat(first).isNotEqualTo(second);
    assertThat(read.etag()).isEqualTo(second);
    assertThat(read.createdAt()).isEqualTo(created);
    assertThat(read.changedAt()).isEqualTo(created.plusSeconds(5));
  }

  @Test
  void deleteSaysWhetherTheResourceExisted() {
    put(VNET, VNETS, body("n", 1));
    ResourceId shouting = ResourceId.parse(VNET.toString().toUpperCase());

    boolean existed = store.transaction(tx -> tx.delete(shouting));
    boolean existedAgain = store.transaction(tx -> tx.delete(VNET));

    assertThat(existed).isTrue();
    assertThat(existedAgain).isFalse();
    assertThat(store.get(VNET)).isEmpty();
  }

  @Test
  void aResourceWrittenAgainAfterDeleteStartsOver() {
    put(VNET, VNETS, body("n", 1));
    store.transaction(tx -> tx.delete(VNET));
    clock.advance(Duration.ofMinutes(1));
    ResourceId respelled = ResourceId.of("sub1", "rg", "Microsoft.Network", "virtualNetworks", "V");

    put(respelled, VNETS, body("n", 2));

    StoredResource read = store.get(VNET).orElseThrow();
    assertThat(read.id().toString()).isEqualTo(respelled.toString());
    assertThat(read.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void anExceptionRollsEverythingBackAndPropagatesUnchanged() {
    ResourceId other = VNET.parent().orElseThrow();
    put(VNET, VNETS, body("n", 1));
    StoredResource before = store.get(VNET).orElseThrow();
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> store.transaction(tx -> {
      tx.put(VNET, VNETS, body("n", 2));
      tx.put(other, "Microsoft.Resources/resourceGroups", body("n", 3));
      tx.delete(VNET);
      throw boom;
    })).isSameAs(boom);

    assertThat(store.list(ResourceQuery.all())).containsExactly(before);
  }

  @Test
  void aTransactionSeesItsOwnWrites() {
    put(RG, "Microsoft.Resources/resourceGroups", body("n", 0));

    List<Object> seen = store.transaction(tx -> {
      tx.put(VNET, VNETS, body("n", 1));
      Optional<StoredResource> afterPut = tx.get(VNET);
      List<StoredResource> listed = tx.list(ResourceQuery.ofType(VNETS));
      tx.delete(RG);
      return List.of(afterPut.isPresent(), listed.size(), tx.get(RG).isPresent());
    });

    assertThat(seen).containsExactly(true, 1, false);
    assertThat(store.get(VNET)).isPresent();
    assertThat(store.get(RG)).isEmpty();
  }

  @Test
  void othersDontSeeUncommittedWrites() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    // Its own thread, not the common pool: a pool busy with other tests' work must not starve it.
    ExecutorService own = Executors.newVirtualThreadPerTaskExecutor();
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> store.transaction(tx -> {
      tx.put(VNET, VNETS, body("n", 1));
      written.countDown();
      await(checked);
      return null;
    }), own);
    try {
      written.await(10, TimeUnit.SECONDS);
      assertThat(store.get(VNET)).isEmpty();
      assertThat(store.list(ResourceQuery.all())).isEmpty();
    } finally {
      checked.countDown();
    }
    writing.get(10, TimeUnit.SECONDS);
    own.close();
    assertThat(store.get(VNET)).isPresent();
  }

  @Test
  void concurrentTransactionsAreIsolated() throws Exception {
    put(VNET, VNETS, Json.object().put("counter", 0));
    int threads = 8;
    int increments = 200;

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            store.transaction(tx -> {
              ObjectNode body = tx.get(VNET).orElseThrow().body();
              body.put("counter", body.get("counter").asInt() + 1);
              return tx.put(VNET, VNETS, body);
            });
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    }

    assertThat(store.get(VNET).orElseThrow().body().get("counter").asInt())
        .isEqualTo(threads * increments);
  }

  @Test
  void bodiesAreDefensiveCopies() {
    ObjectNode body = body("n", 1);
    StoredResource written = put(VNET, VNETS, body);

    body.put("n", "changed after put");
    written.body().put("n", "changed on the returned value");
    store.get(VNET).orElseThrow().body().put("n", "changed on a read");
    store.list(ResourceQuery.all()).getFirst().body().removeAll();

    assertThat(store.get(VNET).orElseThrow().body().get("n").asText()).isEqualTo("1");
  }

  @Test
  void theTransactionReturnsWhatWorkReturns() {
    String result = store.transaction(tx -> "result");

    assertThat(result).isEqualTo("result");
  }

  @Test
  void misuseIsAnIllegalState() {
    ResourceStore.Transaction[] escaped = new ResourceStore.Transaction[1];
    store.transaction(tx -> escaped[0] = tx);

    assertThatThrownBy(() -> escaped[0].get(VNET)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.transaction(outer -> store.transaction(inner -> 1)))
        .isInstanceOf(IllegalStateException.class);
    store.close();
    assertThatThrownBy(() -> store.get(VNET)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.transaction(tx -> 1)).isInstanceOf(IllegalStateException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
