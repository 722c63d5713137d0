package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isla.arm.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodesCommandTest {

  @Test
  void aNodeOnAnOldBootstrapIsMarkedAndCounted() {
    NodesCommand.Row current = NodesCommand.row("rg/aks1", "nodepool1", Json.parse("""
        {"name":"aks-nodepool1-12345678-vmss000000","properties":{"provisioningState":"Succeeded",
         "bootstrap":{"artifactSource":"Cache","containerRegistryServer":"acr.azurecr.io",
         "outboundType":"none","matchesClusterProfile":true}}}"""));
    NodesCommand.Row stale = NodesCommand.row("rg/aks1", "nodepool1", Json.parse("""
        {"name":"aks-nodepool1-12345678-vmss000001","properties":{"provisioningState":"Succeeded",
         "bootstrap":{"artifactSource":"Direct","outboundType":"loadBalancer",
         "matchesClusterProfile":false}}}"""));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NodesCommand.print(List.of(current, stale), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines().toList()).hasSize(4);
    assertThat(out).contains("vmss000000").contains("Cache").contains("yes");
    assertThat(out.lines().filter(l -> l.contains("vmss000001")).findFirst().orElseThrow())
        .contains("Direct").contains("loadBalancer").endsWith("NO");
    assertThat(out).contains("1 node(s) still run the bootstrap they booted with");
  }

  @Test
  void noNodesSaysSo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NodesCommand.print(List.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("(no nodes)");
  }
}
