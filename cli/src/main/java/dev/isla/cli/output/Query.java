package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.arm.Json;
import dev.isla.cli.CliException;
import dev.isla.cli.UsageException;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.jackson.JacksonRuntime;

/** {@code --query}: a JMESPath expression applied to the shaped result, as az does. */
public final class Query {

  private Query() {}

  /**
   * Evaluates {@code expression} against {@code input}.
   *
   * @throws CliException with az's wording when the expression does not parse
   */
  public static JsonNode apply(String expression, JsonNode input) {
    Expression<JsonNode> compiled;
    try {
      compiled = new Runtime().compile(expression);
    } catch (JmesPathException | StackOverflowError e) {
      // The parser recurses once per nesting level: "(((..." thousands deep overflows the
      // stack before it finds the error. az's parser gives up too (Python's recursion limit).
      throw invalid(expression);
    }
    try {
      return compiled.search(input);
    } catch (StackOverflowError e) {
      throw new CliException("argument --query: the expression nests too deeply to evaluate.",
          1);
    }
  }

  private static CliException invalid(String expression) {
    return new CliException("argument --query: invalid jmespath_type value: '" + expression
        + "'\n" + UsageException.QUERY_HELP, 2);
  }

  /**
   * The Jackson runtime reading JSON literals (`...`) with {@link Json#parse}. The library's
   * default constructor builds an {@code ObjectMapper} only for those literals, and that costs
   * more start-up time than the whole query; the mapper slot stays empty because
   * {@link #parseString} is the only reader of it.
   */
  private static final class Runtime extends JacksonRuntime {

    Runtime() {
      super(RuntimeConfiguration.defaultConfiguration(), null);
    }

    @Override
    public JsonNode parseString(String text) {
      try {
        return Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
