package dev.isla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/CLI.md's command reference is generated from the command table: this test fails when the
 * two differ. Regenerate with {@code ISLA_DOC_RECORD=1} (it rewrites only the part between the
 * markers).
 */
class CliDocTest {

  static final Path DOC = Path.of("../docs/CLI.md");
  static final String BEGIN = "<!-- generated from the command table: begin -->\n";
  static final String END = "<!-- generated from the command table: end -->";

  @Test
  void docListsEveryCommandOfTheTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String generated = reference(CommandTable.all());
    if ("1".equals(System.getenv("ISLA_DOC_RECORD"))) {
      doc = doc.substring(0, doc.indexOf(BEGIN) + BEGIN.length()) + generated
          + doc.substring(doc.indexOf(END));
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
    }
    String section = doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END));
    assertThat(section).as("docs/CLI.md is out of date: run the cli tests with ISLA_DOC_RECORD=1")
        .isEqualTo(generated);
    for (CommandDef def : CommandTable.all()) {
      assertThat(section).contains("`az " + def.path() + "`");
    }
  }

  /** One table per top-level group: command, summary, arguments (required ones in bold). */
  static String reference(List<CommandDef> table) {
    StringBuilder text = new StringBuilder();
    String group = "";
    for (CommandDef def : table.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList()) {
      String top = def.words().getFirst();
      if (!top.equals(group)) {
        group = top;
        text.append("\n### ").append(top).append("\n\n| Command | What it does | Arguments |\n")
            .append("|---|---|---|\n");
      }
      String args = def.args().stream()
          .map(a -> a.required() ? "**`" + a.display() + "`**"
              : "`" + a.display() + "`")
          .collect(Collectors.joining(", "));
      text.append("| `az ").append(def.path()).append("` | ").append(def.summary())
          .append(" | ").append(args).append(" |\n");
    }
    return text.append('\n').toString();
  }
}
