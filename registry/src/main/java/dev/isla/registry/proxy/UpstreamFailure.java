package dev.isla.registry.proxy;

import dev.isla.registry.api.RegistryErrorCode;
import dev.isla.registry.api.RegistryException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Why a request to a cache rule's source failed, and what the client is told: the source's
 * {@code 429} becomes {@code 429 TOOMANYREQUESTS}, its {@code 503} becomes
 * {@code 503 UNAVAILABLE}, everything else (other statuses, refused or timed-out connections,
 * wrong or short bodies, a broken token flow) ACR's {@code 424}. A {@code Retry-After} the
 * source sent (delay-seconds or HTTP-date, passed on verbatim when well formed) goes to the
 * client. Nothing of a failed request is cached, so every one of these is retriable.
 *
 * @param reason what went wrong, for the error's detail
 * @param sourceStatus the source's HTTP status, or 0 when it sent none
 * @param retryAfter the source's {@code Retry-After}, when well formed
 */
record UpstreamFailure(String reason, int sourceStatus, Optional<String> retryAfter) {

  UpstreamFailure {
    retryAfter = retryAfter.map(String::strip).filter(UpstreamFailure::validRetryAfter);
  }

  /** A failure without an answer from the source (I/O error, bad content). */
  static UpstreamFailure of(Throwable error) {
    if (error instanceof UpstreamException answered) {
      return answered.failure();
    }
    String message = error.getMessage();
    return new UpstreamFailure(message == null ? error.toString() : message, 0, Optional.empty());
  }

  /** The source answered {@code response}'s status where a success was expected. */
  static UpstreamFailure answered(UpstreamResponse response) {
    return new UpstreamFailure("the source answered HTTP " + response.status(),
        response.status(), response.header("Retry-After"));
  }

  /** The client's error for a pull through {@code match}. */
  RegistryException exception(CacheRules.Match match) {
    RegistryErrorCode code = switch (sourceStatus) {
      case 429 -> RegistryErrorCode.TOO_MANY_REQUESTS;
      case 503 -> RegistryErrorCode.UPSTREAM_UNAVAILABLE;
      default -> RegistryErrorCode.UPSTREAM_FAILED;
    };
    return new RegistryException(code, "request to pull from source '" + match.source()
        + "' for cache rule '" + match.rule().name() + "' has failed: " + reason,
        retryAfter.map(value -> Map.of("Retry-After", value)).orElse(Map.of()));
  }

  private static boolean validRetryAfter(String value) {
    if (value.matches("[0-9]{1,9}")) {
      return true;
    }
    try {
      DateTimeFormatter.RFC_1123_DATE_TIME.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
