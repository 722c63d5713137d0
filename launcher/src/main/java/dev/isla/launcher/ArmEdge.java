package dev.isla.launcher;

import dev.isla.controlplane.ControlPlane;
import dev.isla.controlplane.arm.ArmServer;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.identity.ca.LocalCa;
import dev.isla.identity.ca.ServerKeys;
import dev.isla.identity.ca.SubjectNames;
import dev.isla.identity.login.LoginEndpoints;
import dev.isla.identity.login.LoginService;
import dev.isla.identity.login.LoginSettings;
import dev.isla.identity.token.SigningKey;
import dev.isla.identity.token.TokenIssuer;
import dev.isla.identity.token.TokenVerifier;
import dev.isla.launcher.adapt.StorePrincipalDirectory;
import dev.isla.launcher.adapt.TokenGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How ARM meets real clients: the TLS listener (certificate from the data folder's
 * {@link LocalCa}, SANs {@code localhost} and {@code 127.0.0.1}), the login endpoints mounted on
 * it, and the bearer-token check ({@link TokenGate}) for ARM's audiences — its own HTTPS URL (as
 * {@code az cloud register} names it) and Azure's management audiences.
 */
final class ArmEdge {

  private final LocalCa ca;
  private final int securePort;
  private final ControlPlane.Edge edge;

  private ArmEdge(LocalCa ca, int securePort, ControlPlane.Edge edge) {
    this.ca = ca;
    this.securePort = securePort;
    this.edge = edge;
  }

  static ArmEdge create(IslaConfig config, ResourceStore store, BuiltInPrincipal builtIn, Clock clock) {
    LocalCa ca = LocalCa.open(config.dataDir());
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
    if (!config.host().equals("0.0.0.0")) {
      names.add(config.host());
    }
    ServerKeys keys = new ServerKeys(ca, SubjectNames.parse(names), clock);
    int port = freePort(config.host());
    Set<String> audiences = new LinkedHashSet<>();
    for (String name : names) {
      audiences.add("https://" + name + ":" + port + "/");
    }
    SigningKey key = SigningKey.open(config.dataDir());
    LoginService login = new LoginService(
        new StorePrincipalDirectory(store, List.of(builtIn.principal())),
        new TokenIssuer(key, clock), LoginSettings.of(audiences, Optional.empty()));
    audiences.addAll(TokenGate.azureAudiences());
    TokenGate gate = new TokenGate(new TokenVerifier(key, clock), audiences, clock, store);
    ArmServer.Secure secure = new ArmServer.Secure(port, keys.tls(),
        List.of(new LoginEndpoints(login, List.of(key))));
    return new ArmEdge(ca, port, new ControlPlane.Edge(gate, Optional.of(secure)));
  }

  /**
   * A port free now on {@code host}, chosen before the listener starts because the login
   * endpoints must know ARM's URL (an audience) when they are built.
   */
  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }

  LocalCa ca() {
    return ca;
  }

  int securePort() {
    return securePort;
  }

  ControlPlane.Edge edge() {
    return edge;
  }
}
