package dev.isla.controlplane.rp.privatedns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import dev.isla.arm.Json;
import dev.isla.arm.ResourceType;
import dev.isla.arm.ResourceTypes;
import dev.isla.controlplane.rp.network.Ipv4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The record-set types Isla serves in private zones, each with its ARM type and the property that
 * holds its records. Records are validated here; a record set holding the same record twice is
 * refused with Azure's {@code BadRequest} ("The list of record sets of type 'A' may not contain
 * multiple entries with the same 'ipv4Address'."), as the service does.
 */
public enum RecordType {
  A(ResourceTypes.A_RECORD_SETS, "aRecords"),
  AAAA(ResourceTypes.AAAA_RECORD_SETS, "aaaaRecords"),
  CNAME(ResourceTypes.CNAME_RECORD_SETS, "cnameRecord"),
  TXT(ResourceTypes.TXT_RECORD_SETS, "txtRecords"),
  SOA(ResourceTypes.SOA_RECORD_SETS, "soaRecord");

  private final ResourceType resourceType;
  private final String property;

  RecordType(ResourceType resourceType, String property) {
    this.resourceType = resourceType;
    this.property = property;
  }

  public ResourceType resourceType() {
    return resourceType;
  }

  /** The property holding the records, e.g. {@code aRecords}. */
  public String property() {
    return property;
  }

  /** The record type of a stored record set's type key, if it is one. */
  static java.util.Optional<RecordType> ofKey(String typeKey) {
    for (RecordType t : values()) {
      if (t.resourceType.key().equals(typeKey)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }

  /** Validates the requested records and returns them as stored; absent means none. */
  JsonNode records(JsonNode requested) {
    return switch (this) {
      case A -> list(requested, "ipv4Address", RecordType::ipv4);
      case AAAA -> list(requested, "ipv6Address", RecordType::ipv6);
      case TXT -> txt(requested);
      case CNAME -> cname(requested);
      case SOA -> requested;
    };
  }

  private ArrayNode list(JsonNode requested, String field, java.util.function.UnaryOperator<String> parse) {
    ArrayNode out = Json.array();
    Set<String> seen = new HashSet<>();
    for (JsonNode record : requested) {
      String value = parse.apply(record.path(field).asText(""));
      if (!seen.add(value)) {
        throw duplicate(field);
      }
      out.addObject().put(field, value);
    }
    return out;
  }

  private static String ipv4(String text) {
    try {
      return Ipv4Address.parse(text).toString();
    } catch (IllegalArgumentException e) {
      throw badRequest("The ipv4Address '" + text + "' of an A record is not a valid IPv4 address.");
    }
  }

  private static String ipv6(String text) {
    try {
      if (!text.contains(":")) {
        throw new UnknownHostException(text);
      }
      return InetAddress.getByName(text).getHostAddress();
    } catch (UnknownHostException | SecurityException e) {
      throw badRequest("The ipv6Address '" + text + "' of an AAAA record is not a valid IPv6 address.");
    }
  }

  private static ArrayNode txt(JsonNode requested) {
    ArrayNode out = Json.array();
    Set<String> seen = new HashSet<>();
    for (JsonNode record : requested) {
      ArrayNode value = out.addObject().putArray("value");
      record.path("value").forEach(v -> value.add(v.asText()));
      if (!seen.add(value.toString())) {
        throw TXT.duplicate("value");
      }
    }
    return out;
  }

  private static JsonNode cname(JsonNode requested) {
    if (requested.isMissingNode() || requested.isNull()) {
      return requested;
    }
    String target = requested.path("cname").asText("");
    try {
      new DnsName(target.endsWith(".") ? target.substring(0, target.length() - 1) : target);
    } catch (IllegalArgumentException e) {
      throw badRequest("The cname '" + target + "' is not a valid DNS name.");
    }
    ObjectNode out = Json.object();
    out.put("cname", target);
    return out;
  }

  /** Azure's refusal of a record set holding one record twice (text as the service answers). */
  private ArmException duplicate(String field) {
    return badRequest("The list of record sets of type '" + name()
        + "' may not contain multiple entries with the same '" + field + "'.");
  }

  static ArmException badRequest(String message) {
    return ArmException.of(ArmErrorCode.BAD_REQUEST, message);
  }

  /** All record-set types of a zone, for counting and deleting. */
  static List<RecordType> all() {
    return List.of(values());
  }
}
