package dev.isla.fabric;

import dev.isla.fabric.address.LogicalAddress;
import dev.isla.fabric.route.Decision.Failure;
import java.time.Instant;

/**
 * One connection the fabric did not let through.
 *
 * @param nodeId the node that tried
 * @param destination the logical address it dialled
 * @param port the port it dialled
 * @param failure refused (reset) or unreachable (timed out)
 * @param policy the rule that refused, e.g. {@code outboundType none}
 * @param reason the whole story, e.g. {@code outboundType none: no egress to 20.62.0.5
 *     (mcr.microsoft.com) port 443}
 */
public record Refusal(Instant at, String nodeId, LogicalAddress destination, int port,
    Failure failure, String policy, String reason) {

  @Override
  public String toString() {
    return "node " + nodeId + " -> " + destination + ":" + port + " "
        + (failure == Failure.REFUSED ? "refused" : "unreachable") + " (" + reason + ")";
  }
}
