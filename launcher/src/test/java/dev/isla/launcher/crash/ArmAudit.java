package dev.isla.launcher.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.launcher.crash.CrashLedger.ArmEntry;
import dev.isla.launcher.crash.CrashLedger.ArmState;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ARM half of the audit after a restart: every acknowledged long-running operation ends
 * ({@code Succeeded} or {@code Failed}) within a bound; then every resource the workload wrote
 * is as acknowledged (present with its marker and, for a synchronous write, its ETag; or gone),
 * or as the write in flight at the kill left it, with a terminal provisioningState.
 */
final class ArmAudit {

  static final Duration OPERATION_BOUND = Duration.ofSeconds(60);
  private static final Set<String> TERMINAL = Set.of("", "Succeeded", "Failed", "Canceled");

  private final CrashHttp http;
  private final ArmWrites writes;
  private final CrashLedger ledger;

  ArmAudit(CrashHttp http, ArmWrites writes, CrashLedger ledger) {
    this.http = http;
    this.writes = writes;
    this.ledger = ledger;
  }

  void run() throws IOException, InterruptedException {
    Map<String, String> ends = settleOperations();
    for (ArmEntry e : List.copyOf(ledger.arm.values())) {
      check(e, Optional.ofNullable(e.operation).map(ends::get).orElse(""));
    }
  }

  private Map<String, String> settleOperations() throws IOException, InterruptedException {
    Map<String, String> ends = new HashMap<>();
    long deadline = System.nanoTime() + OPERATION_BOUND.toNanos();
    for (String op : List.copyOf(ledger.operations.keySet())) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      Optional<String> end = writes.awaitOperation(op, left);
      if (end.isEmpty()) {
        ledger.violation("operation " + op + " on " + ledger.operations.get(op)
            + " still InProgress " + OPERATION_BOUND.toSeconds() + " s after the restart");
      }
      ends.put(op, end.orElse("InProgress"));
    }
    return ends;
  }

  private void check(ArmEntry e, String operationEnd) throws IOException, InterruptedException {
    CrashHttp.Reply r = awaitTerminal(e.url);
    boolean present = r.status() == 200;
    if (!present && r.status() != 404) {
      ledger.violation("GET " + e.url + " answered " + r.status() + ": " + r.text());
      return;
    }
    ArmState acked = e.acked;
    ArmState inFlight = e.inFlight;
    ArmState seen = present ? observed(acked.present() ? acked : inFlight, r) : ArmState.absent();
    boolean failedOperation = operationEnd.equals("Failed");
    if (!failedOperation && !matches(seen, acked, inFlight == null) && !(inFlight != null && matches(seen, inFlight, false))) {
      ledger.violation(e.url + ": acknowledged " + describe(acked)
          + (inFlight == null ? "" : " (in flight: " + describe(inFlight) + ")") + ", found " + describe(seen));
    }
    e.acked = seen;
    e.inFlight = null;
    e.operation = null;
  }

  /** GET until the resource's provisioningState is terminal (an operation resumed at start). */
  private CrashHttp.Reply awaitTerminal(String url) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + OPERATION_BOUND.toNanos();
    while (true) {
      CrashHttp.Reply r = http.arm("GET", url, null);
      String state = r.status() == 200 ? r.json().path("properties").path("provisioningState").asText("") : "";
      if (TERMINAL.contains(state)) {
        return r;
      }
      if (System.nanoTime() > deadline) {
        ledger.violation(url + " still " + state + " " + OPERATION_BOUND.toSeconds() + " s after the restart");
        return r;
      }
      Thread.sleep(50);
    }
  }

  private static ArmState observed(ArmState shape, CrashHttp.Reply r) {
    String path = shape == null ? "/tags/crash" : shape.markerPath();
    JsonNode marker = r.json().at(path);
    return new ArmState(true, path, marker.asText(""), ArmWrites.etagOf(r));
  }

  private static boolean matches(ArmState seen, ArmState expected, boolean checkEtag) {
    if (seen.present() != expected.present()) {
      return false;
    }
    if (!seen.present()) {
      return true;
    }
    boolean etagOk = !checkEtag || expected.etag().isEmpty() || expected.etag().equals(seen.etag());
    return seen.marker().equals(expected.marker()) && etagOk;
  }

  private static String describe(ArmState s) {
    return !s.present() ? "absent" : s.markerPath() + "=" + s.marker()
        + (s.etag().isEmpty() ? "" : " etag " + s.etag());
  }
}
