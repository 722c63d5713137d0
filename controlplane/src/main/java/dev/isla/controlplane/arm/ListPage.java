package dev.isla.controlplane.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One page of an ARM list, as {@code $top} and {@code $skiptoken} ask. {@code $top} is the page
 * size, not a cap on the whole list (research: azure-sdk-for-python#541, azure-rest-api-specs
 * #18525): a shorter page carries a {@code nextLink} with the {@code $skiptoken} of the rest, so
 * a pager still reads everything. The token is opaque to clients; Isla's is the offset in the
 * list, base64url-encoded. A {@code $top} that is not a positive integer, or a token Isla did not
 * issue, is a 400 {@code InvalidQueryParameterValue}; a {@code $top} beyond the list is the whole
 * list.
 *
 * @param top page size
 * @param offset where the page starts
 */
record ListPage(int top, int offset) {

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern TOKEN = Pattern.compile("o([0-9]{1,9})");

  ListPage {
    if (top < 1 || offset < 0) {
      throw new IllegalArgumentException("top " + top + ", offset " + offset);
    }
  }

  /** The page a list request asks for (query names lower-cased, as {@link ArmRequest} has them). */
  static ListPage of(Map<String, String> query) {
    return new ListPage(top(query.get("$top")), offset(query.get("$skiptoken")));
  }

  private static int top(String text) {
    if (text == null) {
      return Integer.MAX_VALUE;
    }
    if (!DIGITS.matcher(text).matches() || text.chars().allMatch(c -> c == '0')) {
      throw ArmException.of(ArmErrorCode.INVALID_QUERY_PARAMETER, shorten(text), "$top",
          "It must be a positive integer.");
    }
    String digits = text.replaceFirst("^0+", "");
    return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      var match = TOKEN.matcher(decoded);
      if (match.matches()) {
        return Integer.parseInt(match.group(1));
      }
    } catch (IllegalArgumentException e) {
      // not base64url: refused below, like any token Isla did not issue
    }
    throw ArmException.of(ArmErrorCode.INVALID_QUERY_PARAMETER, shorten(token), "$skiptoken",
        "Use the nextLink of the previous page.");
  }

  private static String shorten(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }

  /** {@code body} with its {@code value} cut to this page, and a {@code nextLink} if more follow. */
  ObjectNode apply(ObjectNode body, ArmRequest request) {
    JsonNode all = body.path("value");
    if (!all.isArray() || (offset == 0 && all.size() <= top)) {
      return body;
    }
    ArrayNode page = Json.array();
    long end = Math.min(all.size(), (long) offset + top);
    for (int i = offset; i < end; i++) {
      page.add(all.get(i));
    }
    ObjectNode out = body.deepCopy();
    out.set("value", page);
    out.remove("nextLink");
    if (end < all.size()) {
      out.put("nextLink", nextLink(request, (int) end));
    }
    return out;
  }

  private String nextLink(ArmRequest request, int next) {
    Map<String, String> query = new TreeMap<>(request.query());
    query.put("$skiptoken", Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("o" + next).getBytes(StandardCharsets.UTF_8)));
    StringBuilder link = new StringBuilder(request.baseUrl()).append(request.path());
    char separator = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      link.append(separator).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
          .replace("%24", "$")).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
      separator = '&';
    }
    return link.toString();
  }
}
