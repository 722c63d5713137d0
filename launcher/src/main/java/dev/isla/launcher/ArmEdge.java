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
import dev.isla.identity.principal.ManagedIdentity;
import dev.isla.launcher.adapt.HostImds;
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
 * {@code az cloud register} names it) and Azure's management audiences — and the host's
 * managed-identity endpoint ({@link HostImds}), whose tokens are for the same audiences.
 */
final class ArmEdge implements AutoCloseable {

  private final LocalCa ca;
  private final int securePort;
  private final ControlPlane.Edge edge;
  private final HostImds hostImds;
  private final Set<String> armAudiences;

  private ArmEdge(LocalCa ca, int securePort, ControlPlane.Edge edge, HostImds hostImds,
      Set<String> armAudiences) {
    this.armAudiences = Set.copyOf(armAudiences);
    this.ca = ca;
    this.securePort = securePort;
    this.edge = edge;
    this.hostImds = hostImds;
  }

  static ArmEdge create(IslaConfig config, ResourceStore store, BuiltInPrincipal builtIn, Clock clock) {
    return create(config, LocalCa.open(config.dataDir()), store, builtIn, clock);
  }

  /** As above with the data folder's CA already open (the registry's TLS shares it). */
  static ArmEdge create(IslaConfig config, LocalCa ca, ResourceStore store,
      BuiltInPrincipal builtIn, Clock clock) {
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
    TokenIssuer issuer = new TokenIssuer(key, clock);
    Set<String> own = Set.copyOf(audiences);
    LoginSettings loginSettings = LoginSettings.of(audiences, Optional.empty());
    LoginService login = new LoginService(
        new StorePrincipalDirectory(store, List.of(builtIn.principal())), issuer, loginSettings);
    HostImds hostImds = new HostImds(store, systemIdentity(builtIn), issuer, loginSettings,
        config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host());
    audiences.addAll(TokenGate.azureAudiences());
    TokenGate gate = new TokenGate(new TokenVerifier(key, clock), audiences, clock, store,
        builtIn.caller());
    ArmServer.Secure secure = new ArmServer.Secure(port, keys.tls(),
        List.of(new LoginEndpoints(login, List.of(key))));
    return new ArmEdge(ca, port, new ControlPlane.Edge(gate, Optional.of(secure)), hostImds, own);
  }

  /** The host's system-assigned identity: the built-in principal, under its own ids. */
  private static ManagedIdentity systemIdentity(BuiltInPrincipal builtIn) {
    return new ManagedIdentity(builtIn.principal().clientId(), builtIn.principal().objectId(),
        builtIn.principal().tenantId(), Optional.empty());
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

  /** ARM's own audiences: {@code https://<name>:<port>/} for each name of its certificate. */
  Set<String> armAudiences() {
    return armAudiences;
  }

  HostImds hostImds() {
    return hostImds;
  }

  @Override
  public void close() {
    hostImds.close();
  }
}
