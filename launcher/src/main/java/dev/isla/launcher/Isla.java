package dev.isla.launcher;

import dev.isla.registry.proxy.UpstreamMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code isla}: runs a local Isla cloud. {@code up} serves in the foreground; {@code start}
 * serves in the background and returns once it answers; {@code stop}, {@code status} and
 * {@code env} find a running instance through its data folder.
 */
@Command(name = "isla", mixinStandardHelpOptions = true, version = "isla 0.1.0",
    description = "Network-isolated AKS clusters, running locally.",
    subcommands = {Isla.Up.class, Isla.Start.class, Isla.Stop.class, Isla.Status.class, Isla.Env.class,
        OperatorCommands.Dns.class, OperatorCommands.Fabric.class, OperatorCommands.Mcr.class,
        NodesCommand.class, RegistryCommand.class})
public final class Isla implements Callable<Integer> {

  public static void main(String[] args) {
    configureLogging();
    CommandLine cli = new CommandLine(new Isla());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("isla: " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args));
  }

  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Isla.class.getResourceAsStream("/isla-logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      // Default JUL configuration is an acceptable fallback.
    }
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /** Options shared by every subcommand that names an instance. */
  static class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
        description = "Data folder of the instance (default: $ISLA_DATA or ~/.isla).")
    Path data;

    Path dir() {
      return (data != null ? data : IslaConfig.defaultDataDir()).toAbsolutePath().normalize();
    }
  }

  /** Options of a serving instance. */
  static class ServeOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "ARM port; 0 picks a free one (default).")
    int port;

    @Option(names = "--operation-delay", defaultValue = "300", paramLabel = "MS",
        description = "Minimum duration of a long-running operation in ms (default: ${DEFAULT-VALUE}).")
    long operationDelayMs;

    @Option(names = "--feature-delay", defaultValue = "2000", paramLabel = "MS",
        description = "How long a feature flag stays Registering, in ms (default: ${DEFAULT-VALUE}).")
    long featureDelayMs;

    @Option(names = "--upstream", paramLabel = "HOST=URL", converter = UpstreamOption.class,
        description = "Where cache rules reach a source registry, e.g. mcr.microsoft.com=https://mcr.microsoft.com "
            + "(repeatable; default: mcr.microsoft.com is Isla's stand-in, other hosts https://HOST).")
    List<String> upstreams = new ArrayList<>();

    IslaConfig config(Path dir) {
      return new IslaConfig(dir, host, port, Duration.ofMillis(operationDelayMs), Duration.ofMillis(featureDelayMs),
          UpstreamMap.parse(upstreams));
    }

    String[] asArgs() {
      List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(port),
          "--operation-delay", Long.toString(operationDelayMs), "--feature-delay", Long.toString(featureDelayMs)));
      upstreams.forEach(u -> args.addAll(List.of("--upstream", u)));
      return args.toArray(String[]::new);
    }
  }

  /** Checks one {@code --upstream host=url} as it is read, so a bad one is a usage error. */
  static final class UpstreamOption implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        UpstreamMap.parse(List.of(value));
        return value;
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Command(name = "up", description = "Run Isla in the foreground; Ctrl-C stops it cleanly.")
  static final class Up implements Callable<Integer> {
    @CommandLine.Mixin DataOption data = new DataOption();
    @CommandLine.Mixin ServeOptions serve = new ServeOptions();

    @Override
    public Integer call() throws InterruptedException {
      IslaServer server = new IslaServer(serve.config(data.dir()));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "isla-shutdown"));
      Endpoints.print(new PrintWriter(System.out, true), server.state(), data.dir());
      System.out.println("Isla is up. Press Ctrl-C to stop.");
      System.out.flush();
      stopped.await();
      return 0;
    }
  }

  @Command(name = "start", description = "Start Isla in the background; returns once it serves.")
  static final class Start implements Callable<Integer> {
    @CommandLine.Mixin DataOption data = new DataOption();
    @CommandLine.Mixin ServeOptions serve = new ServeOptions();

    @Option(names = "--timeout", defaultValue = "90", paramLabel = "SECONDS",
        description = "How long to wait for it to serve (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
      return Background.start(data.dir(), serve.asArgs(), Duration.ofSeconds(timeoutSeconds));
    }
  }

  @Command(name = "stop", description = "Stop the instance of a data folder.")
  static final class Stop implements Callable<Integer> {
    @CommandLine.Mixin DataOption data = new DataOption();

    @Override
    public Integer call() throws InterruptedException {
      return Background.stop(data.dir());
    }
  }

  @Command(name = "status", description = "Tell whether an instance serves a data folder, and where.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin DataOption data = new DataOption();

    @Override
    public Integer call() {
      Optional<InstanceState> state = InstanceState.readLive(data.dir());
      if (state.isEmpty()) {
        System.out.println("Isla is not running for " + data.dir());
        return 3;
      }
      Endpoints.print(new PrintWriter(System.out, true), state.get(), data.dir());
      System.out.println("pid:           " + state.get().pid());
      System.out.println("running since: " + state.get().startedAt());
      return 0;
    }
  }

  @Command(name = "env", description = "Print shell exports that point the project's az at an instance: eval \"$(isla env --data DIR)\".")
  static final class Env implements Callable<Integer> {
    @CommandLine.Mixin DataOption data = new DataOption();

    @Option(names = "--real-az", description = "Point the real Azure CLI (e.g. Debian's /usr/bin/az 2.45, "
        + "or $ISLA_REAL_AZ) at the instance over HTTPS: isolated AZURE_CONFIG_DIR, CA bundle, "
        + "cloud 'Isla' registered and the built-in service principal logged in.")
    boolean realAz;

    @Option(names = "--identity", arity = "0..1", fallbackValue = "", paramLabel = "ID",
        description = "With --real-az: log in as a managed identity through the host's "
        + "managed-identity endpoint (az login --identity) instead of the built-in principal: the "
        + "host's system-assigned identity, or the user-assigned identity with this client id, "
        + "object id or resource id.")
    String identity;

    @Override
    public Integer call() {
      Optional<InstanceState> state = InstanceState.readLive(data.dir());
      if (state.isEmpty()) {
        System.err.println("isla: no instance is running for " + data.dir()
            + "; start one with: isla start --data " + data.dir());
        return 1;
      }
      if (identity != null && !realAz) {
        System.err.println("isla: --identity applies to the real Azure CLI; use: isla env --real-az --identity");
        return 2;
      }
      if (realAz) {
        RealAzEnv.Login login = identity == null ? new RealAzEnv.Login.BuiltInPrincipal()
            : new RealAzEnv.Login.Identity(Optional.of(identity.trim()).filter(s -> !s.isEmpty()));
        System.out.print(RealAzEnv.script(state.get(), data.dir(), login));
        return 0;
      }
      String home = System.getProperty("isla.home", Path.of("").toAbsolutePath().toString());
      System.out.print(Endpoints.env(state.get(), data.dir(), Path.of(home).resolve("bin")));
      return 0;
    }
  }

}
