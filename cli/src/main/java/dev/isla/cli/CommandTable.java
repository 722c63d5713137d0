package dev.isla.cli;

import dev.isla.cli.commands.AccountCommand;
import dev.isla.cli.commands.AcrCommand;
import dev.isla.cli.commands.AksCommand;
import dev.isla.cli.commands.AksCreateCommand;
import dev.isla.cli.commands.FeatureCommand;
import dev.isla.cli.commands.GroupCommand;
import dev.isla.cli.commands.IdentityCommand;
import dev.isla.cli.commands.NetworkCommand;
import dev.isla.cli.commands.PrivateDnsCommand;
import dev.isla.cli.commands.ResourceCommand;
import dev.isla.cli.commands.RoleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every command the CLI knows: the rows each command area declares, in one list. */
public final class CommandTable {

  private CommandTable() {}

  /** The whole table. */
  public static List<CommandDef> all() {
    List<CommandDef> all = new ArrayList<>();
    all.addAll(AccountCommand.commands());
    all.addAll(dev.isla.cli.commands.ExtensionCommand.commands());
    all.addAll(GroupCommand.commands());
    all.addAll(FeatureCommand.commands());
    all.addAll(AksCreateCommand.commands());
    all.addAll(AksCommand.commands());
    all.addAll(AcrCommand.commands());
    all.addAll(NetworkCommand.commands());
    all.addAll(PrivateDnsCommand.commands());
    all.addAll(IdentityCommand.commands());
    all.addAll(RoleCommand.commands());
    all.addAll(ResourceCommand.commands());
    return all;
  }

  /** The command whose words are the longest prefix of {@code words}. */
  public static Optional<CommandDef> longestMatch(List<CommandDef> table, List<String> words) {
    CommandDef best = null;
    for (CommandDef def : table) {
      List<String> w = def.words();
      if (w.size() <= words.size() && words.subList(0, w.size()).equals(w)
          && (best == null || w.size() > best.words().size())) {
        best = def;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The longest prefix of {@code words} that names a command group ({@code ""} for none). */
  public static String groupPrefix(List<CommandDef> table, List<String> words) {
    for (int n = words.size(); n > 0; n--) {
      String prefix = String.join(" ", words.subList(0, n));
      if (table.stream().anyMatch(d -> d.path().startsWith(prefix + " "))) {
        return prefix;
      }
    }
    return "";
  }
}
