package dev.isla.launcher;

import dev.isla.controlplane.ControlPlane;
import dev.isla.controlplane.arm.ArmSettings;
import dev.isla.controlplane.port.DataPlane;
import dev.isla.controlplane.store.ResourceStore;
import dev.isla.controlplane.store.SqliteResourceStore;
import dev.isla.identity.ca.LocalCa;
import dev.isla.launcher.adapt.ObservedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One running Isla instance: the composition root. Locks the data folder (two instances never
 * share one), opens the embedded store (observed, so the data plane's caches see writes),
 * starts the data plane ({@link IslaDataPlane}: identity, MCR stand-in, registry, DNS, fabric,
 * node agents), then the control plane with the node port, restores the nodes recorded in the
 * store (in the background), and publishes its endpoints in the state file. Closing stops everything in reverse order.
 */
public final class IslaServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IslaServer.class.getName());

  private final IslaConfig config;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ResourceStore store;
  private final IslaDataPlane dataPlane;
  private final ControlPlane controlPlane;
  private final AdminEndpoints admin;
  private final ArmEdge edge;
  private final InstanceState state;

  /** Starts serving; throws {@link IllegalStateException} with a clear message when it can't. */
  public IslaServer(IslaConfig config) {
    this.config = config;
    Path dir = config.dataDir();
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve("isla.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (IOException e) {
      throw new IllegalStateException("cannot use data folder " + dir + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly();
      throw new IllegalStateException("another Isla instance is already using " + dir
          + " (see 'isla status --data " + dir + "')");
    }
    ObservedStore observed = new ObservedStore(SqliteResourceStore.open(dir));
    this.store = observed;
    ArmSettings settings = ArmSettings.defaults()
        .withOperationDelay(config.operationDelay())
        .withFeatureRegistrationDelay(config.featureDelay());
    Clock clock = Clock.systemUTC();
    LocalCa ca = LocalCa.open(dir);
    BuiltInPrincipal builtIn = BuiltInPrincipal.open(dir, settings.tenantId(), settings.subscriptionId());
    this.edge = ArmEdge.create(config, ca, observed, builtIn, clock);
    this.dataPlane = new IslaDataPlane(config, observed, settings.tenantId(), ca,
        settings.locations(), edge.armAudiences(), clock);
    String spObjectId = builtIn.principal().objectId();
    DataPlane ports = new DataPlane(dataPlane.ports().nodes(), principalId ->
        principalId.equalsIgnoreCase(spObjectId) ? Optional.of("ServicePrincipal") : Optional.empty(),
        dataPlane.ports().registries());
    this.controlPlane = new ControlPlane(store, settings, clock, config.host(), config.armPort(),
        ports, edge.edge());
    builtIn.grantOwner(controlPlane.arm(), settings.subscriptionId());
    dataPlane.restoreNodes();
    this.admin = new AdminEndpoints(config.host(), dataPlane, store);
    String host = hostForUrl(config.host());
    this.state = new InstanceState(ProcessHandle.current().pid(),
        "http://" + host + ":" + controlPlane.port(),
        settings.subscriptionId(), settings.tenantId(), java.time.Instant.now(),
        dataPlane.registryUrl(host), host + ":" + dataPlane.dnsAddress().getPort(),
        dataPlane.mcrUrl(host), "http://" + host + ":" + admin.port(),
        "https://" + host + ":" + edge.securePort(), edge.ca().bundle().toString(),
        edge.ca().truststore().toString(), builtIn.credentials().toString(),
        dataPlane.registryHttpsUrl(host), ca.rootPem().toString(),
        edge.hostImds().msiEndpoint(), dataPlane.proxyUrl());
    state.write(dir);
    LOG.info(() -> "Isla serving ARM at " + state.armUrl() + " with data in " + dir);
  }

  private static String hostForUrl(String host) {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  public InstanceState state() {
    return state;
  }

  private void closeQuietly() {
    try {
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    InstanceState.remove(config.dataDir());
    admin.close();
    controlPlane.close();
    edge.close();
    dataPlane.close();
    store.close();
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warning("could not release the data folder lock: " + e.getMessage());
    }
    closeQuietly();
  }
}
