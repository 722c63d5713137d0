package dev.isla.identity.acr;

import java.time.Instant;
import java.util.List;

/** A signed registry access token and what it grants. */
public record AcrToken(String token, List<AcrScope> access, Instant expiresOn) {

  public AcrToken {
    access = List.copyOf(access);
  }

  @Override
  public String toString() {
    return "AcrToken[" + access + ", expiresOn=" + expiresOn + "]";
  }
}
