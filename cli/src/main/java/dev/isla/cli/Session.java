package dev.isla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.ResourceTypes;
import dev.isla.cli.arm.ArmClient;
import dev.isla.cli.arm.HttpTrace;
import dev.isla.cli.arm.LongRunningOperation;
import dev.isla.cli.arm.Progress;
import dev.isla.cli.config.AzureProfile;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything one run of the CLI shares: environment, streams, terminal, global options, and —
 * built on first use — the ARM client and the subscription in effect.
 */
public final class Session {

  static final String NO_CLOUD = "No Isla cloud configured. Start one with 'bin/isla start "
      + "--data DIR' and run: eval \"$(bin/isla env --data DIR)\"";
  private static final Pattern GUID =
      Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final Terminal terminal;
  private final GlobalOptions globals;
  private final AzureProfile profile;
  private ArmClient arm;
  private String subscriptionId;

  public Session(Map<String, String> env, PrintStream out, PrintStream err, Terminal terminal,
      GlobalOptions globals) {
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.globals = globals;
    this.profile = AzureProfile.fromEnvironment(env);
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Terminal terminal() {
    return terminal;
  }

  public GlobalOptions globals() {
    return globals;
  }

  public AzureProfile profile() {
    return profile;
  }

  /** The ARM endpoint's base URL. */
  public String armUrl() {
    String url = env.get("ISLA_ARM_URL");
    if (url == null || url.isBlank()) {
      throw new CliException(NO_CLOUD);
    }
    return url.strip();
  }

  /**
   * The registry listener of the configured cloud ({@code ISLA_REGISTRY_URL}), which serves
   * every registry by {@code Host}, as {@code <name>.azurecr.io} resolves to it from this machine.
   */
  public String registryUrl() {
    String url = env.get("ISLA_REGISTRY_URL");
    if (url == null || url.isBlank()) {
      throw new CliException("This Isla cloud serves no registry data plane "
          + "(ISLA_REGISTRY_URL is not set). Run: eval \"$(bin/isla env --data DIR)\"");
    }
    return url.strip();
  }

  /** The client for the configured cloud. */
  public ArmClient arm() {
    if (arm == null) {
      arm = new ArmClient(URI.create(armUrl()), new HttpTrace(err, globals.debug()),
          Optional::empty);
    }
    return arm;
  }

  /** A poller drawing az's progress line when stderr is a terminal. */
  public LongRunningOperation lro() {
    return new LongRunningOperation(arm(), new Progress(err, terminal.stderrIsTerminal()));
  }

  /**
   * The subscription in effect: {@code --subscription}, else the one {@code az login} /
   * {@code az account set} stored for this cloud, else {@code ISLA_SUBSCRIPTION_ID}, else the
   * first one the cloud lists.
   */
  public String subscriptionId() {
    if (subscriptionId == null) {
      subscriptionId = globals.subscription().map(this::lookUpSubscription)
          .or(() -> profile.defaultSubscription(armUrl()).map(s -> s.path("id").asText()))
          .or(() -> Optional.ofNullable(env.get("ISLA_SUBSCRIPTION_ID")).filter(s -> !s.isBlank()))
          .orElseGet(this::firstSubscription);
    }
    return subscriptionId;
  }

  /** Lists the cloud's subscriptions ({@code GET /subscriptions}). */
  public JsonNode subscriptions() {
    return arm().get(ArmClient.withApiVersion("/subscriptions",
        ResourceTypes.SUBSCRIPTIONS.newestApiVersion())).path("value");
  }

  private String lookUpSubscription(String nameOrId) {
    if (GUID.matcher(nameOrId).matches()) {
      return nameOrId;
    }
    for (JsonNode sub : subscriptions()) {
      if (nameOrId.equalsIgnoreCase(sub.path("displayName").asText())) {
        return sub.path("subscriptionId").asText();
      }
    }
    throw new CliException("Subscription '" + nameOrId + "' not found. Check the spelling and "
        + "casing and try again.");
  }

  private String firstSubscription() {
    JsonNode list = subscriptions();
    if (list.isEmpty()) {
      throw new CliException("No subscriptions found in the Isla cloud at " + armUrl() + ".");
    }
    return list.get(0).path("subscriptionId").asText();
  }

  /** Prints {@code WARNING: ...} unless {@code --only-show-errors}. */
  public void warn(String message) {
    if (!globals.onlyShowErrors()) {
      err.println("WARNING: " + message);
    }
  }
}
