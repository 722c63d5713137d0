package dev.isla.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class LoopbackPoolTest {

  @Test
  void nodesGetTheLowestFreeAddressAndKeepIt() {
    LoopbackPool pool = new LoopbackPool();

    InetAddress a = pool.acquire("a");
    InetAddress b = pool.acquire("b");
    pool.release("a");
    InetAddress c = pool.acquire("c");

    assertThat(a.getHostAddress()).isEqualTo("127.64.0.1");
    assertThat(b.getHostAddress()).isEqualTo("127.64.0.2");
    assertThat(c).isEqualTo(a);
    assertThat(pool.acquire("b")).isEqualTo(b);
    assertThat(pool.node(b)).contains("b");
    assertThat(pool.node(a)).contains("c");
  }

  @Test
  void theRangeIsLoopbackAndExcludesTheHostsAddress() throws Exception {
    assertThat(LoopbackPool.RANGE.network().inet().isLoopbackAddress()).isTrue();
    assertThat(LoopbackPool.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(LoopbackPool.contains(InetAddress.getByName("127.127.255.254"))).isTrue();
    assertThat(LoopbackPool.contains(InetAddress.getByName("::1"))).isFalse();
  }
}
