package dev.isla.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The edge that turns a {@link RegistryException} into the spec's error body. */
final class ErrorResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorResponses() {}

  /** {@code {"errors":[{"code","message","detail"}]}} with the code's status. */
  static byte[] body(RegistryException e) {
    ObjectNode error = JSON.createObjectNode();
    error.put("code", e.code().code());
    error.put("message", e.code().message());
    error.put("detail", e.detail());
    ObjectNode body = JSON.createObjectNode();
    ArrayNode errors = body.putArray("errors");
    errors.add(error);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static void write(ServerResponse response, RegistryException e, boolean head) {
    response.status(e.code().status());
    e.headers().forEach(response::header);
    response.header("Content-Type", "application/json; charset=utf-8");
    byte[] body = body(e);
    if (head) {
      response.header("Content-Length", Integer.toString(body.length));
      response.send();
    } else {
      response.send(body);
    }
  }
}
