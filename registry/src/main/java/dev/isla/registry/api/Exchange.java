package dev.isla.registry.api;

import dev.isla.registry.catalog.RegistryInfo;
import dev.isla.registry.storage.RepositoryId;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One request in flight: the registry it addresses, its parsed route, request and response. */
record Exchange(RegistryInfo registry, RegistryRoute route, ServerRequest request,
    ServerResponse response) {

  String method() {
    return request.prologue().method().text().toUpperCase(Locale.ROOT);
  }

  boolean isHead() {
    return method().equals("HEAD");
  }

  /** The repository of the route (routes without one never reach code asking for it). */
  RepositoryId repository() {
    return new RepositoryId(registry.key(), route.repository().orElseThrow());
  }

  Optional<String> query(String name) {
    return request.query().contains(name)
        ? Optional.of(request.query().get(name)) : Optional.empty();
  }

  List<String> queryAll(String name) {
    return request.query().contains(name) ? request.query().all(name) : List.of();
  }

  Optional<String> header(String name) {
    return request.headers().first(HeaderNames.create(name));
  }

  /** Every value of a header, split at commas (e.g. {@code Accept}). */
  List<String> headerValues(HeaderName name) {
    List<String> values = new ArrayList<>();
    if (request.headers().contains(name)) {
      for (String value : request.headers().get(name).allValues()) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            values.add(part.trim());
          }
        }
      }
    }
    return values;
  }

  void header(String name, String value) {
    response.header(name, value);
  }
}
