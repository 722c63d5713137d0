package dev.isla.launcher.crash;

import dev.isla.launcher.crash.CrashLedger.ArmEntry;
import dev.isla.launcher.crash.CrashLedger.ArmState;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The node worker: each cycle creates an isolated cluster (bootstrap from the cache, outbound
 * none, private; one node boots), scales its pool to two nodes and back, and deletes the cluster
 * of the cycle before (so restarts reboot a bounded number of nodes).
 */
final class ClusterWorkload {

  static final String AKS_API = "?api-version=2025-10-01";
  private static final Duration BOUND = Duration.ofSeconds(60);

  private final ArmWrites writes;
  private final CrashLedger ledger;
  private final String group;

  ClusterWorkload(ArmWrites writes, CrashLedger ledger, CrashServer.Endpoints ep) {
    this.writes = writes;
    this.ledger = ledger;
    this.group = ep.sub() + "/resourceGroups/crash-aks";
  }

  String cluster(int cycle) {
    return group + "/providers/Microsoft.ContainerService/managedClusters/k" + cycle;
  }

  void run(int cycle, BooleanSupplier stop) throws IOException, InterruptedException {
    String cluster = cluster(cycle);
    String body = "{\"location\":\"eastus\",\"tags\":{\"crash\":\"k" + cycle + "\"},\"properties\":{"
        + "\"kubernetesVersion\":\"1.30.3\",\"dnsPrefix\":\"k" + cycle + "\",\"agentPoolProfiles\":[{"
        + "\"name\":\"nodepool1\",\"count\":1,\"mode\":\"System\",\"vmSize\":\"Standard_DS2_v2\"}],"
        + "\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},\"networkProfile\":{\"outboundType\":\"none\"},"
        + "\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}}}";
    if (!ended(writes.put(cluster + AKS_API, body, ArmState.present("/tags/crash", "k" + cycle)))) {
      return;
    }
    String pool = cluster + "/agentPools/nodepool1" + AKS_API;
    for (int count = 2; !stop.getAsBoolean() && count >= 1; count--) {
      ended(writes.put(pool, "{\"properties\":{\"count\":" + count + ",\"mode\":\"System\","
          + "\"vmSize\":\"Standard_DS2_v2\"}}", ArmState.present("/properties/count", String.valueOf(count))));
    }
    if (cycle > 0) {
      String previous = cluster(cycle - 1);
      ArmEntry poolEntry = ledger.entry(previous + "/agentPools/nodepool1" + AKS_API);
      ledger.sending(poolEntry, ArmState.absent());
      CrashHttp.Reply r = writes.delete(previous + AKS_API);
      if (r.status() / 100 == 2) {
        ledger.acked(poolEntry, ArmState.absent(), Optional.empty());
      } else {
        ledger.refused(poolEntry);
      }
      ended(r);
    }
  }

  private boolean ended(CrashHttp.Reply r) throws IOException, InterruptedException {
    if (r.status() / 100 != 2) {
      ledger.violation("cluster write answered " + r.status() + ": " + r.text());
      return false;
    }
    ledger.clusterOps.incrementAndGet();
    Optional<String> end = writes.awaitIfRunning(r, BOUND);
    if (end.isEmpty() || end.get().equals("Failed")) {
      ledger.violation("cluster operation " + r.header("Azure-AsyncOperation") + " ended "
          + end.orElse("not within " + BOUND));
      return false;
    }
    return true;
  }
}
