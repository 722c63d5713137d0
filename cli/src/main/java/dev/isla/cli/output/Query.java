package dev.isla.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.cli.CliException;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
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
    try {
      Expression<JsonNode> compiled = new JacksonRuntime().compile(expression);
      return compiled.search(input);
    } catch (JmesPathException e) {
      throw new CliException("argument --query: invalid jmespath_type value: '" + expression
          + "'", 2);
    }
  }
}
