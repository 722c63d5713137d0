package dev.isla.fabric.route;

import java.net.InetSocketAddress;

/** What the fabric does with one connection attempt. */
public sealed interface Decision {

  /** Connect to {@code listener}, a real loopback address; the connection takes {@code path}. */
  record Route(InetSocketAddress listener, Path path) implements Decision {}

  /**
   * Do not connect.
   *
   * @param failure how the attempt fails, as a real network would fail it
   * @param policy the rule that refused (e.g. {@code outboundType none})
   * @param reason the whole story for a person, starting with the policy
   */
  record Refuse(Failure failure, String policy, String reason) implements Decision {}

  /** How a refused attempt looks to the client. */
  enum Failure {
    /** A host answered with a reset: nothing listens there ({@code ECONNREFUSED}). */
    REFUSED,
    /** Nothing answers: the packets are dropped and the attempt times out. */
    UNREACHABLE
  }
}
