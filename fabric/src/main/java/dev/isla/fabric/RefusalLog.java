package dev.isla.fabric;

import java.util.ArrayDeque;
import java.util.List;
import java.util.logging.Logger;

/**
 * The most recent refusals, oldest first, at most {@code capacity} of them (older ones are
 * dropped); each one is also logged at INFO as it happens. Thread-safe.
 */
public final class RefusalLog {

  private static final Logger LOG = Logger.getLogger(RefusalLog.class.getName());

  private final int capacity;
  private final ArrayDeque<Refusal> ring;

  public RefusalLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a refusal log holds at least one refusal");
    }
    this.capacity = capacity;
    this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  synchronized void add(Refusal refusal) {
    if (ring.size() == capacity) {
      ring.removeFirst();
    }
    ring.addLast(refusal);
    LOG.info(refusal::toString);
  }

  /** The refusals kept, oldest first. */
  public synchronized List<Refusal> recent() {
    return List.copyOf(ring);
  }

  /** The refusals of one node kept, oldest first. */
  public synchronized List<Refusal> recent(String nodeId) {
    return ring.stream().filter(r -> r.nodeId().equals(nodeId)).toList();
  }

  public int capacity() {
    return capacity;
  }
}
