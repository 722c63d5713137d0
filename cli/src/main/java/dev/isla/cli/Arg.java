package dev.isla.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One command-line argument of a command, as a row of the command table.
 *
 * @param name the long option, e.g. {@code --resource-group}; also the key values are read by
 * @param aliases other spellings, e.g. {@code -g}
 * @param kind flag, single value or list
 * @param required true when the command cannot run without it (unless {@code --ids} is given and
 *     {@code idPart} is set)
 * @param idPart true for the arguments {@code --ids} replaces (name, group, parent names)
 * @param choices accepted values, matched case-insensitively and passed on in this spelling;
 *     empty for free text
 * @param help one-line description for {@code -h}
 */
public record Arg(String name, List<String> aliases, Kind kind, boolean required, boolean idPart,
    List<String> choices, String help) {

  /** How many values an argument takes. */
  public enum Kind {
    FLAG,
    VALUE,
    LIST
  }

  public Arg {
    Objects.requireNonNull(name);
    if (!name.startsWith("--")) {
      throw new IllegalArgumentException("an argument's name is its long option: " + name);
    }
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(kind);
    choices = List.copyOf(choices);
    Objects.requireNonNull(help);
  }

  /** An argument taking one value. */
  public static Arg value(String name, String... aliases) {
    return new Arg(name, List.of(aliases), Kind.VALUE, false, false, List.of(), "");
  }

  /** An argument taking one or more values ({@code nargs='+'}). */
  public static Arg list(String name, String... aliases) {
    return new Arg(name, List.of(aliases), Kind.LIST, false, false, List.of(), "");
  }

  /** A switch without a value. */
  public static Arg flag(String name, String... aliases) {
    return new Arg(name, List.of(aliases), Kind.FLAG, false, false, List.of(), "");
  }

  /** The same argument, required. */
  public Arg asRequired() {
    return new Arg(name, aliases, kind, true, idPart, choices, help);
  }

  /** Required, but replaced by {@code --ids} when that is given. */
  public Arg asIdPart() {
    return new Arg(name, aliases, kind, true, true, choices, help);
  }

  public Arg choices(String... values) {
    return new Arg(name, aliases, kind, required, idPart, List.of(values), help);
  }

  public Arg help(String text) {
    return new Arg(name, aliases, kind, required, idPart, choices, text);
  }

  /** az's display form, e.g. {@code --resource-group/-g}. */
  public String display() {
    return aliases.isEmpty() ? name : name + "/" + String.join("/", aliases);
  }

  /** The metavar shown in usage lines, e.g. {@code RESOURCE_GROUP}. */
  public String metavar() {
    return name.substring(2).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
  }

  /** The canonical spelling of {@code value} among {@link #choices()}, if it is one. */
  public Optional<String> canonicalChoice(String value) {
    return choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst();
  }
}
