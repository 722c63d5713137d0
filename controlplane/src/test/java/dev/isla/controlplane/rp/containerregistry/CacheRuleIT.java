package dev.isla.controlplane.rp.containerregistry;

import static dev.isla.controlplane.rp.containerregistry.RegistryIT.API;
import static dev.isla.controlplane.rp.containerregistry.RegistryIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceId;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.ArmTestServer;
import dev.isla.controlplane.ArmTestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheRuleIT {

  private ArmTestServer server;
  private String registry;

  @BeforeEach
  void start() {
    server = new ArmTestServer();
    String rg = "/subscriptions/" + server.subscription() + "/resourceGroups/rg1";
    server.put(rg + "?api-version=2024-11-01", "{\"location\":\"eastus\"}");
    registry = rg + "/providers/Microsoft.ContainerRegistry/registries/cacheacr";
    Reply r = server.put(registry + API, "{\"location\":\"eastus\",\"sku\":{\"name\":\"Basic\"}}");
    server.await(r.header("Azure-AsyncOperation"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply put(String name, String source, String target) {
    return server.put(registry + "/cacheRules/" + name + API, "{\"properties\":{\"sourceRepository\":\"" + source
        + "\",\"targetRepository\":\"" + target + "\"}}");
  }

  private JsonNode create(String name, String source, String target) {
    Reply r = put(name, source, target);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(r.json().path("properties").path("provisioningState").asText()).isEqualTo("Creating");
    assertThat(server.await(r.header("Azure-AsyncOperation")).path("status").asText()).isEqualTo("Succeeded");
    return server.get(registry + "/cacheRules/" + name + API).json();
  }

  @Test
  void seedRuleOnBasicIsLongRunningAndQueryable() {
    JsonNode rule = create("acr-cache-rule", "mcr.microsoft.com/*", "*");
    assertThat(rule.path("type").asText()).isEqualTo("Microsoft.ContainerRegistry/registries/cacheRules");
    assertThat(rule.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    assertThat(rule.path("properties").path("credentialSetResourceId").isNull()).isTrue();
    assertThat(rule.path("properties").path("creationDate").asText()).isNotBlank();
    var rules = CacheRules.of(server.controlPlane().arm().store(), ResourceId.parse(registry));
    assertThat(rules).containsExactly(new CacheRule("acr-cache-rule", "mcr.microsoft.com/*", "*"));
    assertThat(CacheRules.match(rules, "oss/kubernetes/pause").orElseThrow().upstream())
        .isEqualTo("mcr.microsoft.com/oss/kubernetes/pause");
    assertThat(server.get(registry + "/cacheRules" + API).json().path("value").size()).isEqualTo(1);
  }

  @Test
  void todaysAksRuleAndConflicts() {
    create("aks-managed-mcr", "mcr.microsoft.com/*", "aks-managed-repository/*");
    assertError(put("registrywide", "mcr.microsoft.com/*", "*"), 409, "CacheRuleConflict",
        "'*' conflicts with the target repository 'aks-managed-repository/*' of cache rule 'aks-managed-mcr'");
    assertError(put("nestedrule", "quay.io/*", "aks-managed-repository/quay/*"), 409, "CacheRuleConflict", "conflicts");
    create("staticpause", "registry.k8s.io/pause", "aks-managed-repository/pause");
    assertError(put("staticpause2", "quay.io/pause", "aks-managed-repository/pause"), 409, "CacheRuleConflict", "staticpause");
    create("otherprefix", "docker.io/library/*", "library/*");
    for (String name : new String[] {"registrywide", "nestedrule", "staticpause2"}) {
      assertThat(server.get(registry + "/cacheRules/" + name + API).status()).isEqualTo(404);
    }
  }

  @Test
  void invalidRulesAreRefusedAndNothingIsStored() {
    assertError(put("mismatch", "mcr.microsoft.com/*", "pause"), 400, "InvalidCacheRule", "wildcard");
    assertError(put("upstream", "example.com/*", "*"), 400, "InvalidCacheRule", "not a supported upstream");
    assertError(put("badtarget", "mcr.microsoft.com/*", "Upper/*"), 400, "InvalidCacheRule", "target repository");
    assertError(put("bad_name", "mcr.microsoft.com/*", "*"), 400, "InvalidResourceName", "cache rule name");
    assertError(server.put(registry + "/cacheRules/nosource" + API, "{\"properties\":{\"targetRepository\":\"*\"}}"),
        400, "InvalidCacheRule", "'sourceRepository' is required");
    assertError(server.put(registry + "/cacheRules/withcreds" + API, "{\"properties\":{\"sourceRepository\":\"docker.io/*\","
        + "\"targetRepository\":\"*\",\"credentialSetResourceId\":\"" + registry + "/credentialSets/hub\"}}"),
        400, "CredentialSetNotFound", "credentialSets/hub");
    assertThat(server.get(registry + "/cacheRules" + API).json().path("value").size()).isZero();
    Reply orphan = server.put(registry + "x/cacheRules/orphan" + API,
        "{\"properties\":{\"sourceRepository\":\"mcr.microsoft.com/*\",\"targetRepository\":\"*\"}}");
    assertError(orphan, 404, "ParentResourceNotFound", "cacheacrx");
  }

  @Test
  void sourceAndTargetOfAnExistingRuleAreFixed() {
    create("fixedrule", "mcr.microsoft.com/*", "aks-managed-repository/*");
    assertError(put("fixedrule", "mcr.microsoft.com/*", "other/*"), 400, "InvalidCacheRule", "cannot be changed");
    assertThat(put("fixedrule", "mcr.microsoft.com/*", "aks-managed-repository/*").status()).isEqualTo(200);
    assertThat(server.get(registry + "/cacheRules/fixedrule" + API).json().path("properties").path("targetRepository").asText())
        .isEqualTo("aks-managed-repository/*");
  }

  @Test
  void atMostAThousandRulesPerRegistry() {
    ResourceId reg = ResourceId.parse(registry);
    server.controlPlane().arm().store().transaction(tx -> {
      for (int i = 0; i < CacheRuleProvider.MAX_RULES; i++) {
        ObjectNode body = Json.object();
        body.putObject("properties").put("sourceRepository", "docker.io/r" + i).put("targetRepository", "r" + i)
            .put("provisioningState", "Succeeded");
        tx.put(reg.child("cacheRules", "rule" + i), ResourceTypes.CACHE_RULES.key(), body);
      }
      return null;
    });
    assertError(put("onetoomany", "mcr.microsoft.com/*", "*"), 409, "QuotaExceeded", "(1000)");
    assertThat(server.get(registry + "/cacheRules/onetoomany" + API).status()).isEqualTo(404);
  }
}
