package dev.isla.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {

  private static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static final InetAddress NODE = LoopbackPool.RANGE.network().plus(1).inet();

  @Test
  void anEntryNeverClosedExpiresAfterTheTtl() {
    TestClock clock = new TestClock();
    ConnectionTable table = new ConnectionTable(10, Duration.ofMinutes(5), clock);
    table.put(NODE, 40000, Origin.internet());

    clock.now = clock.now.plus(Duration.ofMinutes(5));
    assertThat(table.get(new InetSocketAddress(NODE, 40000))).isPresent();
    clock.now = clock.now.plusSeconds(1);
    assertThat(table.get(new InetSocketAddress(NODE, 40000))).isEmpty();
    assertThat(table.size()).isZero();
  }

  @Test
  void aFullTableDropsItsOldestEntry() {
    ConnectionTable table = new ConnectionTable(2, Duration.ofMinutes(5), new TestClock());
    for (int port = 40000; port < 40003; port++) {
      table.put(NODE, port, Origin.internet());
    }

    assertThat(table.snapshot().keySet()).containsExactly(new InetSocketAddress(NODE, 40001),
        new InetSocketAddress(NODE, 40002));
  }

  @Test
  void closingAnOldConnectionLeavesTheNewOneOnAReusedPort() {
    ConnectionTable table = new ConnectionTable(10, Duration.ofMinutes(5), new TestClock());
    Origin old = Origin.internet();
    Origin current = new Origin(java.util.Optional.of("n"), java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty(), old.path());
    table.put(NODE, 40000, old);
    table.put(NODE, 40000, current);

    table.remove(NODE, 40000, old);

    assertThat(table.get(new InetSocketAddress(NODE, 40000))).contains(current);
  }
}
