package dev.isla.launcher.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isla.launcher.crash.CrashLedger.ArmEntry;
import dev.isla.launcher.crash.CrashLedger.ArmState;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * ARM writes that record themselves in the ledger: marked in flight before the request, and
 * acknowledged (state, ETag, long-running operation) only when a 2xx answer arrived. A refusal
 * (4xx) changed nothing; a 5xx is a violation. {@link IOException} means the server died.
 */
final class ArmWrites {

  private static final String ASYNC = "Azure-AsyncOperation";
  private final CrashHttp http;
  private final CrashLedger ledger;

  ArmWrites(CrashHttp http, CrashLedger ledger) {
    this.http = http;
    this.ledger = ledger;
  }

  /** PUTs {@code json} to {@code url} (with its api-version), expecting {@code intended}. */
  CrashHttp.Reply put(String url, String json, ArmState intended)
      throws IOException, InterruptedException {
    return write("PUT", url, json, intended);
  }

  CrashHttp.Reply delete(String url) throws IOException, InterruptedException {
    return write("DELETE", url, null, ArmState.absent());
  }

  private CrashHttp.Reply write(String method, String url, String json, ArmState intended)
      throws IOException, InterruptedException {
    ArmEntry entry = ledger.entry(url);
    ledger.sending(entry, intended);
    CrashHttp.Reply r = http.arm(method, url, json);
    if (r.status() / 100 == 2) {
      Optional<String> op = r.headers().firstValue(ASYNC).filter(s -> !s.isEmpty());
      String etag = op.isPresent() || !intended.present() ? "" : etagOf(r);
      ledger.acked(entry, intended.withEtag(etag), op);
    } else {
      ledger.refused(entry);
      if (r.status() >= 500) {
        ledger.violation(method + " " + url + " answered " + r.status() + ": " + r.text());
      }
    }
    return r;
  }

  /** The ETag header, else the body's {@code etag}. */
  static String etagOf(CrashHttp.Reply r) {
    String header = r.header("ETag");
    return header.isEmpty() ? r.json().path("etag").asText("") : header;
  }

  /**
   * Polls an operation until it ends; its final status, or empty when {@code bound} passed
   * with it still running (the caller decides whether that is a violation).
   */
  Optional<String> awaitOperation(String status, Duration bound)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    do {
      CrashHttp.Reply r = http.arm("GET", status, null);
      JsonNode body = r.json();
      String s = body.path("status").asText("");
      if (r.status() == 200 && (s.equals("Succeeded") || s.equals("Failed") || s.equals("Canceled"))) {
        if (ledger.operations.remove(status) != null) {
          ledger.operationsEnded.incrementAndGet();
        }
        return Optional.of(s);
      }
      if (r.status() != 200) {
        ledger.violation("operation " + status + " answered " + r.status() + ": " + r.text());
        return Optional.of("Lost");
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return Optional.empty();
  }

  /** Waits for the operation a write started, if it started one. */
  Optional<String> awaitIfRunning(CrashHttp.Reply r, Duration bound)
      throws IOException, InterruptedException {
    Optional<String> op = r.headers().firstValue(ASYNC).filter(s -> !s.isEmpty());
    return op.isEmpty() || r.status() / 100 != 2 ? Optional.of("Sync") : awaitOperation(op.get(), bound);
  }
}
