package dev.isla.cli;

import dev.isla.cli.arm.ArmClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One parsed command: its row, its argument values and the session it runs in. */
public final class Invocation {

  private final Session session;
  private final CommandDef def;
  private final Map<String, Object> values;

  public Invocation(Session session, CommandDef def, Map<String, Object> values) {
    this.session = session;
    this.def = def;
    this.values = Map.copyOf(values);
  }

  public Session session() {
    return session;
  }

  public CommandDef def() {
    return def;
  }

  public ArmClient arm() {
    return session.arm();
  }

  public String subscriptionId() {
    return session.subscriptionId();
  }

  /** A single-valued argument, if given. */
  public Optional<String> value(String name) {
    Object v = values.get(name);
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** A single-valued argument the parser made sure of. */
  public String required(String name) {
    return value(name).orElseThrow(() -> ArgParser.usage(def,
        "the following arguments are required: " + display(name)));
  }

  /** True when the switch was given. */
  public boolean flag(String name) {
    return Boolean.TRUE.equals(values.get(name));
  }

  /** A list argument's values (empty when absent). */
  @SuppressWarnings("unchecked")
  public List<String> values(String name) {
    Object v = values.get(name);
    if (v instanceof List<?> list) {
      return (List<String>) list;
    }
    return v instanceof String s ? List.of(s) : List.of();
  }

  /** True when the argument was given at all. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A true/false argument value ({@code --registration-enabled false}), az's spellings. */
  public Optional<Boolean> bool(String name) {
    return value(name).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1", "on", "enabled" -> true;
      case "false", "no", "0", "off", "disabled" -> false;
      default -> throw ArgParser.usage(def, "argument " + display(name) + ": invalid "
          + "three_state_flag value: '" + v + "'");
    });
  }

  public boolean noWait() {
    return flag("--no-wait");
  }

  /**
   * Asks az's y/n question unless {@code --yes}; without a terminal, fails as az's
   * {@code user_confirmation} does.
   *
   * @return true to go on
   */
  public boolean confirm(String question) {
    if (flag("--yes")) {
      return true;
    }
    Terminal terminal = session.terminal();
    if (!terminal.stdinIsTerminal()) {
      throw new CliException("Unable to prompt for confirmation as no tty available. Use --yes.");
    }
    session.err().print(question + " (y/n): ");
    session.err().flush();
    String answer = terminal.readLine().orElse("").strip().toLowerCase(java.util.Locale.ROOT);
    return answer.equals("y") || answer.equals("yes");
  }

  private String display(String name) {
    return ArgParser.allArgs(def).stream().filter(a -> a.name().equals(name)).map(Arg::display)
        .findFirst().orElse(name);
  }
}
