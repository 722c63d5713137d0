package dev.isla.identity.token;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.Json;
import java.util.Collection;

/** The JSON Web Key Set document ({@code {"keys":[…]}}) served at the login endpoints' {@code jwks_uri}. */
public final class Jwks {

  private Jwks() {}

  public static ObjectNode document(Collection<SigningKey> keys) {
    ObjectNode doc = Json.object();
    ArrayNode array = doc.putArray("keys");
    keys.forEach(k -> array.add(k.jwk()));
    return doc;
  }
}
