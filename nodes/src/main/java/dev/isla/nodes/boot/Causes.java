package dev.isla.nodes.boot;

import dev.isla.fabric.RefusedByFabric;
import dev.isla.nodes.net.UnresolvedHostException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/** Words for a failed network operation: what the resolver, the fabric or the server said. */
public final class Causes {

  private Causes() {}

  /** E.g. {@code could not resolve host …: NXDOMAIN from 168.63.129.16}. */
  public static String describe(IOException e) {
    if (e instanceof UnresolvedHostException u) {
      return "could not resolve host " + u.host() + ": " + u.answer().whyNoAddress() + " from "
          + u.answer().server();
    }
    if (e instanceof RefusedByFabric refused) {
      var r = refused.refusal();
      String how = e instanceof SocketTimeoutException ? "connection timed out" : "connection refused";
      return how + " to " + r.destination() + " port " + r.port() + ": " + r.reason();
    }
    if (e instanceof RegistryException || e.getClass() == IOException.class) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
