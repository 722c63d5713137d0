package dev.isla.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store under test and the listing half of the contract: which resources a {@link
 * ResourceQuery} selects, and their order. The fixture includes the traps a prefix match falls
 * into: resource groups named {@code rg}/{@code rg-2} and {@code r_g}/{@code rxg}.
 */
abstract class ResourceQueryContract {

  static final String VNETS = "Microsoft.Network/virtualNetworks";
  static final String GROUPS = "Microsoft.Resources/resourceGroups";
  static final ResourceId SUB = ResourceId.subscription("sub1");
  static final ResourceId RG = ResourceId.resourceGroup("sub1", "rg");
  static final ResourceId VNET = vnet("rg");
  static final ResourceId SUBNET_A = VNET.child("subnets", "a");
  static final ResourceId SUBNET_B = VNET.child("subnets", "B");
  static final ResourceId ROLE_ON_SUBNET = ResourceId.parse("/subscriptions/sub1/resourceGroups/rg"
      + "/providers/Microsoft.Network/virtualNetworks/v/subnets/a"
      + "/providers/Microsoft.Authorization/roleAssignments/g");
  static final ResourceId RG_2 = ResourceId.resourceGroup("sub1", "rg-2");
  static final ResourceId R_G = ResourceId.resourceGroup("sub1", "r_g");
  static final ResourceId RXG = ResourceId.resourceGroup("sub1", "rxg");

  protected final MutableClock clock =
      new MutableClock(Instant.parse("2026-01-02T03:04:05.123456Z"));
  protected ResourceStore store;

  /** A new, empty store that stamps times from {@code clock}. */
  protected abstract ResourceStore createStore(MutableClock clock);

  @BeforeEach
  void openStore() {
    store = createStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  StoredResource put(ResourceId id, String type, ObjectNode body) {
    return store.transaction(tx -> tx.put(id, type, body));
  }

  static ObjectNode body(String key, Object value) {
    return Json.object().put(key, String.valueOf(value));
  }

  static ResourceId vnet(String resourceGroup) {
    return ResourceId.of("sub1", resourceGroup, "Microsoft.Network", "virtualNetworks", "v");
  }

  /** Writes the fixture in one transaction, deliberately out of order. */
  private void putFixture() {
    store.transaction(tx -> {
      tx.put(ROLE_ON_SUBNET, "Microsoft.Authorization/roleAssignments", body("n", 1));
      tx.put(SUBNET_B, VNETS + "/subnets", body("n", 1));
      tx.put(vnet("rxg"), VNETS, body("n", 1));
      tx.put(VNET, VNETS, body("n", 1));
      tx.put(vnet("r_g"), VNETS, body("n", 1));
      tx.put(SUBNET_A, VNETS + "/subnets", body("n", 1));
      tx.put(vnet("rg-2"), VNETS, body("n", 1));
      for (ResourceId group : List.of(RXG, R_G, RG_2, RG)) {
        tx.put(group, GROUPS, body("n", 1));
      }
      return tx.put(SUB, "Microsoft.Resources/subscriptions", body("n", 1));
    });
  }

  private List<String> ids(ResourceQuery query) {
    return store.list(query).stream().map(r -> r.id().toString()).toList();
  }

  private static List<String> ids(ResourceId... expected) {
    return Stream.of(expected).map(ResourceId::toString).toList();
  }

  @Test
  void anEmptyStoreListsNothing() {
    assertThat(store.list(ResourceQuery.all())).isEmpty();
  }

  @Test
  void everythingIsListedInKeyOrder() {
    putFixture();

    List<StoredResource> all = store.list(ResourceQuery.all());

    assertThat(all).hasSize(12);
    assertThat(all).isSortedAccordingTo(Comparator.comparing(r -> r.id().key()));
    assertThat(ids(ResourceQuery.all().withUnder(VNET)))
        .containsExactlyElementsOf(ids(VNET, SUBNET_A, ROLE_ON_SUBNET, SUBNET_B));
  }

  @Test
  void byTypeIgnoresCase() {
    putFixture();

    assertThat(ids(ResourceQuery.ofType("microsoft.network/VIRTUALNETWORKS")))
        .containsExactlyElementsOf(ids(vnet("r_g"), vnet("rg-2"), VNET, vnet("rxg")));
  }

  @Test
  void byParentListsDirectChildrenOnly() {
    putFixture();

    assertThat(ids(ResourceQuery.all().withParent(RG))).containsExactlyElementsOf(ids(VNET));
    assertThat(ids(ResourceQuery.all().withParent(VNET)))
        .containsExactlyElementsOf(ids(SUBNET_A, SUBNET_B));
    assertThat(ids(ResourceQuery.all().withParent(SUBNET_A)))
        .containsExactlyElementsOf(ids(ROLE_ON_SUBNET));
    assertThat(ids(ResourceQuery.all().withParent(SUB)))
        .containsExactlyElementsOf(ids(R_G, RG, RG_2, RXG));
    assertThat(ids(ResourceQuery.all().withParent(ROLE_ON_SUBNET))).isEmpty();
  }

  @Test
  void underListsTheResourceAndEverythingBelowIt() {
    putFixture();

    assertThat(ids(ResourceQuery.all().withUnder(RG)))
        .containsExactlyElementsOf(ids(RG, VNET, SUBNET_A, ROLE_ON_SUBNET, SUBNET_B));
    assertThat(ids(ResourceQuery.all().withUnder(SUBNET_A)))
        .containsExactlyElementsOf(ids(SUBNET_A, ROLE_ON_SUBNET));
    assertThat(ids(ResourceQuery.all().withUnder(ResourceId.parse(VNET.toString().toUpperCase()))))
        .hasSize(4);
  }

  @Test
  void underTreatsLikeWildcardsLiterally() {
    putFixture();

    assertThat(ids(ResourceQuery.all().withUnder(R_G)))
        .containsExactlyElementsOf(ids(R_G, vnet("r_g")));
    ResourceId percent = ResourceId.resourceGroup("sub1", "r%");
    assertThat(ids(ResourceQuery.all().withUnder(percent))).isEmpty();
  }

  @Test
  void criteriaCombine() {
    putFixture();

    assertThat(ids(ResourceQuery.ofType(VNETS).withUnder(RG))).containsExactlyElementsOf(ids(VNET));
    assertThat(ids(ResourceQuery.ofType("Microsoft.Authorization/roleAssignments").withUnder(RG)))
        .containsExactlyElementsOf(ids(ROLE_ON_SUBNET));
    assertThat(ids(ResourceQuery.ofType(VNETS).withParent(RG).withUnder(SUB)))
        .containsExactlyElementsOf(ids(VNET));
    assertThat(ids(ResourceQuery.ofType(GROUPS).withParent(RG))).isEmpty();
  }
}
