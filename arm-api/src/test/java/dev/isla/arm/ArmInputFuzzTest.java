package dev.isla.arm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.fuzz.Fuzz;
import dev.isla.fuzz.Mutations;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes the arm-api parsers that read what the network sends: resource ids and paths, JSON
 * text and ARM error bodies. Contract: a parser either returns a value or throws
 * {@link IllegalArgumentException} with a message; a parsed id prints back to itself.
 */
class ArmInputFuzzTest {

  static final List<String> IDS = List.of(
      "/subscriptions/00000000-0000-0000-0000-000000000000",
      "/subscriptions/s/resourceGroups/rg",
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a",
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r"
          + "/providers/Microsoft.Authorization/roleAssignments/g",
      "/subscriptions/s/providers/Microsoft.Features/providers/Microsoft.ContainerService"
          + "/features/NetworkIsolatedClusterPreview",
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c"
          + "/agentPools/p/upgradeNodeImageVersion",
      "/subscriptions/s/providers/Microsoft.ContainerRegistry/checkNameAvailability",
      "/subscriptions/s/resourceGroups/rg/resources");
  static final List<String> ID_TOKENS = List.of("subscriptions", "resourceGroups", "providers",
      "Microsoft.Network", "microsoft.network", "virtualNetworks", "subnets", "resources",
      "/providers/", "/resourceGroups/", "/subscriptions/");

  static final List<String> JSON = List.of(
      "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":"
          + "[\"10.0.0.0/16\"]}},\"tags\":{\"a\":\"b\"}}",
      "{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"m\",\"target\":\"t\","
          + "\"details\":[{\"code\":\"c\",\"message\":null}]}}",
      "{\"code\":\"BadRequest\",\"message\":\"m\",\"subcode\":\"\",\"details\":null}",
      "[1,2.5e10,-0,true,false,null,\"\\u00e9\\ud83d\\ude00\",{\"x\":[]}]", "\"s\"", "12", "");
  static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\",
      "\\u", "\\ud800", "1e99999", "-", "NaN", "true", "null", "[".repeat(2000),
      "{\"a\":".repeat(1500), "1".repeat(2000), "/*", "//", "\u0000", "\ufeff");

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(Mutations.of(IDS, ID_TOKENS),
        Arbitraries.strings().withChars("/abcsSpPrR.-_%").ofMaxLength(80),
        Arbitraries.strings().all().ofMaxLength(200));
  }

  @Provide
  Arbitrary<String> jsonTexts() {
    return Arbitraries.oneOf(Mutations.of(JSON, JSON_TOKENS),
        Arbitraries.strings().withChars("{}[],:\"\\0123456789.eE-+ntrufalse ").ofMaxLength(100),
        Arbitraries.strings().all().ofMaxLength(200));
  }

  @Fuzz
  void resourceIdsParseOrRefuseWithAMessageAndRoundTrip(@ForAll("ids") String text) {
    ResourceId id;
    try {
      id = ResourceId.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    ResourceId again = ResourceId.parse(id.toString());
    assertThat(again).isEqualTo(id);
    assertThat(again.toString()).isEqualTo(id.toString());
    assertThat(again.resourceType()).isEqualTo(id.resourceType());
    id.parent();
    id.resourceGroup();
    id.subscriptionId();
  }

  @Fuzz
  void armPathsParseOrRefuseWithAMessage(@ForAll("ids") String text) {
    try {
      ArmPath path = ArmPath.parse(text);
      assertThat(path.subscriptionId()).isNotBlank();
      path.id().ifPresent(id -> assertThat(ResourceId.parse(id.toString())).isEqualTo(id));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Fuzz
  void jsonParsesOrRefusesWithAMessage(@ForAll("jsonTexts") String text) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    if (!node.isMissingNode()) {
      assertThat(Json.parse(Json.write(node))).isEqualTo(node);
    }
  }

  @Fuzz
  void errorBodiesAreReadOrIgnored(@ForAll("jsonTexts") String text) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IllegalArgumentException e) {
      return;
    }
    ArmError.fromBody(node).ifPresent(error -> {
      assertThat(error.code()).isNotBlank();
      assertThat(ArmError.fromBody(error.toBody(ErrorFormat.WRAPPED))).contains(error);
    });
  }
}
