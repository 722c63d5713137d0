package dev.isla.identity.acr;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One access request or grant of a registry token, in the Docker token protocol's form
 * {@code type:name:actions} ({@code repository:oss/kubernetes/pause:pull,push},
 * {@code registry:catalog:*}). Names may contain {@code :} (a host with a port), so the type is
 * up to the first colon and the actions after the last.
 */
public record AcrScope(String type, String name, List<String> actions) {

  private static final Pattern TYPE = Pattern.compile("[a-z0-9]+");

  public AcrScope {
    actions = List.copyOf(actions);
    if (!TYPE.matcher(type).matches() || name.isEmpty()) {
      throw new IllegalArgumentException("not a registry scope: " + type + ":" + name);
    }
  }

  /**
   * Reads {@code type:name:actions}.
   *
   * @throws IllegalArgumentException when {@code text} is not in that form
   */
  public static AcrScope parse(String text) {
    int first = text.indexOf(':');
    int last = text.lastIndexOf(':');
    if (first <= 0 || last == first) {
      throw new IllegalArgumentException("not a registry scope (type:name:actions): " + text);
    }
    List<String> actions = text.substring(last + 1).isEmpty()
        ? List.of() : List.of(text.substring(last + 1).split(","));
    return new AcrScope(text.substring(0, first), text.substring(first + 1, last), actions);
  }

  /** The same scope with only {@code granted} of its actions. */
  public AcrScope withActions(List<String> granted) {
    return new AcrScope(type, name, granted);
  }

  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}
