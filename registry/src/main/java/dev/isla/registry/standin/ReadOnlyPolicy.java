package dev.isla.registry.standin;

import dev.isla.registry.auth.AccessPolicy;
import dev.isla.registry.auth.AccessRequest;

/**
 * The public MCR's access rules: anyone pulls, anonymously and with no token exchange; nobody
 * pushes or deletes (the spec's {@code DENIED}).
 */
final class ReadOnlyPolicy implements AccessPolicy {

  @Override
  public Decision decide(AccessRequest request) {
    return switch (request.action()) {
      case PULL, PING, CATALOG -> Decision.ALLOW;
      case PUSH, DELETE -> Decision.DENIED;
    };
  }
}
