package dev.isla.arm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The one JSON codec shared by server and CLI: JSON trees ({@link JsonNode}), never data binding.
 * Text is read and written with Jackson's streaming API only: an {@code ObjectMapper} costs
 * 40-100 ms of class initialisation (its default date format pulls in time zones and locale
 * data), which a CLI run cannot afford (docs/BENCHMARKS.md, CLI start-up). Trees are what
 * {@code ObjectMapper.readTree} builds: integers as int/long/BigInteger nodes, other numbers as
 * doubles; duplicate keys are rejected, as ARM does.
 */
public final class Json {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * Parses JSON text; blank text is the missing node. Only whitespace may follow the value:
   * {@code {"a":1} x} is refused, not read as {@code {"a":1}} (a body that is not one JSON value
   * is a client's mistake to report, not to half-read).
   *
   * @throws IllegalArgumentException with the parser's explanation when {@code text} is not JSON
   */
  public static JsonNode parse(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return MissingNode.getInstance();
      }
      JsonNode value = read(parser, first);
      requireEnd(parser);
      return value;
    } catch (JsonProcessingException e) {
      // Jackson names a source it was told not to include; the line and column are what helps.
      throw new IllegalArgumentException(e.getOriginalMessage().replace(
          "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "["), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireEnd(JsonParser parser) throws IOException {
    var end = parser.currentLocation();
    boolean more;
    try {
      more = parser.nextToken() != null;
    } catch (JsonProcessingException e) {
      more = true;
    }
    if (more) {
      throw new IllegalArgumentException("Unexpected text after the JSON value (line "
          + end.getLineNr() + ", column " + end.getColumnNr() + ")");
    }
  }

  private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.set(name, read(parser, parser.nextToken()));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(read(parser, t));
        }
        yield array;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(finite(parser));
      default -> throw new IllegalArgumentException("Unexpected JSON token " + token);
    };
  }

  /**
   * A double that JSON can write back: {@code 1e99999} overflows to infinity, which Jackson would
   * print as the string {@code "Infinity"}, so a stored body would change type.
   */
  private static double finite(JsonParser parser) throws IOException {
    double value = parser.getDoubleValue();
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Number " + parser.getText() + " is out of range");
    }
    return value;
  }

  /** Compact JSON text. */
  public static String write(JsonNode node) {
    return text(node, Optional.empty());
  }

  /**
   * Two-space indented JSON text, as az (Python's {@code json.dumps(indent=2)}) prints it:
   * {@code "key": value}, one array element per line, {@code {}} and {@code []} when empty.
   */
  public static String pretty(JsonNode node) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return text(node, Optional.of(printer));
  }

  private static String text(JsonNode node, Optional<PrettyPrinter> printer) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      printer.ifPresent(generator::setPrettyPrinter);
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          out.writeFieldName(field.getKey());
          write(out, field.getValue());
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode item : node) {
          write(out, item);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NUMBER -> writeNumber(out, node);
      case BINARY -> out.writeBinary(node.binaryValue());
      default -> out.writeNull();
    }
  }

  private static void writeNumber(JsonGenerator out, JsonNode node) throws IOException {
    if (node.isInt()) {
      out.writeNumber(node.intValue());
    } else if (node.isLong()) {
      out.writeNumber(node.longValue());
    } else if (node.isBigInteger()) {
      out.writeNumber(node.bigIntegerValue());
    } else if (node.isBigDecimal()) {
      out.writeNumber(node.decimalValue());
    } else if (node.isFloat()) {
      out.writeNumber(node.floatValue());
    } else if (node.isShort()) {
      out.writeNumber(node.shortValue());
    } else {
      out.writeNumber(node.doubleValue());
    }
  }
}
