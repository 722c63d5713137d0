package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import dev.isla.cli.commands.AksCreateCommand;
import dev.isla.cli.output.Renderer;
import dev.isla.cli.output.Shaping;
import org.junit.jupiter.api.Test;

class OutputTest {

  @Test
  void tsvFollowsKnack() {
    var node = Json.parse("{\"b\":true,\"a\":null,\"c\":[1,2],\"d\":{\"x\":1},\"e\":\"s\"}");
    assertThat(Renderer.render(node, "tsv", false)).isEqualTo("\ttrue\t2\t\ts\n");
    assertThat(Renderer.render(Json.parse("[\"x\",\"y\"]"), "tsv", true)).isEqualTo("x\ny\n");
  }

  @Test
  void tableHasCapitalisedHeadersAndSeparator() {
    var node = Json.parse("[{\"name\":\"rg\",\"id\":\"/x\",\"location\":\"eastus\"}]");
    assertThat(Renderer.render(node, "table", false))
        .isEqualTo("Location  Name\n--------  ----\neastus    rg\n");
  }

  @Test
  void yamlHasNoDocumentMarker() {
    assertThat(Renderer.render(Json.parse("{\"a\":[1]}"), "yaml", false)).isEqualTo("a:\n- 1\n");
  }

  @Test
  void flatteningMergesPropertiesAndAddsResourceGroup() {
    var wire = Json.parse("{\"id\":\"/subscriptions/s/resourceGroups/RG1/providers/N/t/n\","
        + "\"properties\":{\"subnets\":[{\"id\":\"/subscriptions/s/resourceGroups/RG1/x\","
        + "\"properties\":{\"addressPrefix\":\"10.0.0.0/24\"}}]}}");
    var shaped = Shaping.apply(wire, OutputShape.FLATTENED);
    assertThat(shaped.at("/subnets/0/addressPrefix").asText()).isEqualTo("10.0.0.0/24");
    assertThat(shaped.at("/subnets/0/resourceGroup").asText()).isEqualTo("RG1");
    assertThat(shaped.at("/resourceGroup").asText()).isEqualTo("RG1");
    assertThat(Shaping.apply(wire, OutputShape.RAW).has("properties")).isTrue();
  }

  @Test
  void dnsPrefixTruncatesLikeAz() {
    assertThat(AksCreateCommand.defaultDnsPrefix("aks-managed-private-link", "rg-managed-pl-123456789",
        "1234567890")).isEqualTo("aks-manage-rg-managed-pl-12-123456");
    assertThat(AksCreateCommand.defaultDnsPrefix("1cluster", "rg", "abcdefgh")).isEqualTo("a1cluster-rg-abcdef");
  }
}
