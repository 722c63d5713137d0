package dev.isla.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A private cluster's API server names: the private FQDN resolves from the cluster's VNet (the
 * node's own resolver, through {@code nslookup} run on a node) to the private address the
 * control plane allocated in the node subnet; the public view does not know the private FQDN
 * and answers the public FQDN with the same private address.
 */
class PrivateApiServerDnsIT {

  @TempDir Path data;

  @Test
  void privateFqdnResolvesInTheVnetAndThePublicFqdnPublicly() throws Exception {
    try (IslaServer server = new IslaServer(new IslaConfig(data, "127.0.0.1", 0,
        Duration.ofMillis(10), Duration.ofMillis(10)))) {
      IslaArm arm = new IslaArm(server.state());
      arm.prepare();
      JsonNode c = arm.create("priv", 1, "\"bootstrapProfile\":{\"artifactSource\":\"Cache\"},"
          + "\"networkProfile\":{\"outboundType\":\"none\"},"
          + "\"apiServerAccessProfile\":{\"enablePrivateCluster\":true}").path("properties");
      String privateFqdn = c.path("privateFQDN").asText();
      String publicFqdn = c.path("fqdn").asText();
      assertThat(privateFqdn).matches("priv-rg1-[0-9a-f]{6}-[0-9a-f]{8}\\.[0-9a-f-]{36}"
          + "\\.privatelink\\.eastus\\.azmk8s\\.io");

      String nslookup = arm.run("priv", "nslookup " + privateFqdn);
      assertThat(nslookup).as(nslookup).contains("Name:\t" + privateFqdn)
          .containsPattern("Address: 10\\.224\\.0\\.\\d+");
      String address = nslookup.replaceAll("(?s).*Address: (10\\.224\\.0\\.\\d+).*", "$1");
      assertThat(arm.run("priv", "kubectl get nodes -o wide")).as("not a node's address")
          .doesNotContain(" " + address + " ");

      String[] dns = server.state().dns().split(":");
      SimpleResolver publicView = new SimpleResolver(InetAddress.getByName(dns[0]));
      publicView.setPort(Integer.parseInt(dns[1]));
      assertThat(query(publicView, privateFqdn).getRcode()).isEqualTo(Rcode.NXDOMAIN);
      Message pub = query(publicView, publicFqdn);
      assertThat(pub.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(pub.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress()
          .getHostAddress()).containsExactly(address);
    }
  }

  private static Message query(SimpleResolver resolver, String name) throws Exception {
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A,
        DClass.IN)));
  }
}
