package dev.isla.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.resourcemanager.resources.ResourceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/**
 * Every request the SDK's pipeline sent to Isla and what came back, in order, recorded by a
 * pipeline policy (added with {@code configure().withPolicy(...)}), and the checks made on it:
 * the SDK's default pipeline retries and registers providers on some errors, so an error Isla
 * answered wrongly could otherwise go unseen.
 */
final class Exchanges implements HttpPipelinePolicy {

  /**
   * One request and its answer.
   *
   * @param method HTTP method
   * @param url the full URL
   * @param status the answer's status
   */
  record Exchange(String method, String url, int status) {

    /** The path below {@code resourceGroups/}, without the query. */
    String groupPath() {
      return url.replaceAll("^.*/resource[gG]roups/", "").replaceAll("\\?.*$", "");
    }

    String apiVersion() {
      return url.replaceAll("^.*[?&]api-version=([^&]+).*$", "$1");
    }

    /** The resource type written, e.g. {@code Microsoft.Network/privateDnsZones/A}. */
    String resourceType() {
      String path = url.replaceAll("\\?.*$", "");
      int at = path.lastIndexOf("/providers/");
      if (at < 0) {
        return "Microsoft.Resources/resourceGroups";
      }
      String[] segments = path.substring(at + "/providers/".length()).split("/");
      StringBuilder type = new StringBuilder(segments[0]);
      for (int i = 1; i < segments.length; i += 2) {
        type.append('/').append(segments[i]);
      }
      return type.toString();
    }
  }

  private final List<Exchange> log = new ArrayList<>();

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return next.process().doOnNext(response -> record(new Exchange(
        context.getHttpRequest().getHttpMethod().name(),
        context.getHttpRequest().getUrl().toString(), response.getStatusCode())));
  }

  private synchronized void record(Exchange exchange) {
    log.add(exchange);
  }

  synchronized List<Exchange> all() {
    return List.copyOf(log);
  }

  /**
   * Isla refused or failed exactly these requests ({@code "GET 404 <path below the group>"}),
   * in this order, and nothing else.
   */
  void assertOnlyRefused(String... expected) {
    assertThat(all()).filteredOn(e -> e.status() >= 400)
        .extracting(e -> e.method() + " " + e.status() + " " + e.groupPath())
        .containsExactly(expected);
  }

  /**
   * Every api-version the SDK sent with a PUT is one Isla advertises for that type in its
   * provider metadata (read through the SDK too); {@code mustInclude} types were written.
   */
  void assertAdvertised(ResourceManager resources, String... mustInclude) {
    Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all().stream().filter(e -> e.method().equals("PUT"))
        .forEach(e -> sent.put(e.resourceType(), e.apiVersion()));
    assertThat(sent).containsKeys(mustInclude);
    sent.forEach((type, version) -> {
      String namespace = type.substring(0, type.indexOf('/'));
      String name = type.substring(namespace.length() + 1);
      List<String> advertised = resources.providers().getByName(namespace).resourceTypes().stream()
          .filter(t -> t.resourceType().equalsIgnoreCase(name)).findFirst()
          .orElseThrow(() -> new AssertionError(type + " is not in the provider metadata"))
          .apiVersions();
      assertThat(advertised).as(type).contains(version);
    });
  }
}
