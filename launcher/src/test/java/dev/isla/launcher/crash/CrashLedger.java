package dev.isla.launcher.crash;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server acknowledged, written by the workload's workers as answers arrive and checked
 * after every restart. A write whose answer never came (the server died first) is "in flight":
 * after the restart either its old or its new state is right, and what is found becomes the
 * acknowledged state from then on.
 */
final class CrashLedger {

  /** One ARM resource's expected state: absent, or present with a marker and maybe an ETag. */
  record ArmState(boolean present, String markerPath, String marker, String etag) {
    static ArmState absent() {
      return new ArmState(false, "", "", "");
    }

    static ArmState present(String markerPath, String marker) {
      return new ArmState(true, markerPath, marker, "");
    }

    ArmState withEtag(String value) {
      return new ArmState(present, markerPath, marker, value);
    }
  }

  /** An ARM resource: its last acknowledged state and the write in flight, if any. */
  static final class ArmEntry {
    final String url;
    volatile ArmState acked = ArmState.absent();
    volatile ArmState inFlight;
    /** The last acknowledged long-running operation on it (its status URL), if any. */
    volatile String operation;

    ArmEntry(String url) {
      this.url = url;
    }
  }

  /** A manifest pushed by tag and acknowledged (201), with the blobs it references. */
  record Manifest(String repository, String tag, String digest, List<String> blobs) {}

  final Map<String, ArmEntry> arm = new ConcurrentHashMap<>();
  /** Acknowledged blob uploads: digest → repository. */
  final Map<String, String> blobs = new ConcurrentHashMap<>();
  /** Blob uploads sent but not acknowledged when the server died: digest → repository. */
  final Map<String, String> blobsInFlight = new ConcurrentHashMap<>();
  /** A chunked upload the server acknowledged up to {@code acked} bytes (its session URL). */
  record OpenUpload(String repository, String location, byte[] bytes, long acked, boolean committing) {}

  /** Chunked uploads under way, by worker: resumed after the restart. */
  final Map<Integer, OpenUpload> openUploads = new ConcurrentHashMap<>();
  final AtomicInteger uploadsResumed = new AtomicInteger();
  final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
  /** Tags moved by pushes: repository:tag → acknowledged digest, and a push in flight. */
  final Map<String, String> tags = new ConcurrentHashMap<>();
  final Map<String, String> tagsInFlight = new ConcurrentHashMap<>();
  /** Blobs served whole through a cache rule: digest → repository. */
  final Map<String, String> pulled = new ConcurrentHashMap<>();
  /** Acknowledged long-running operations (status URL → resource URL) not yet seen ending. */
  final Map<String, String> operations = new ConcurrentHashMap<>();
  /** The pull-through request last sent (printed after a kill). */
  volatile String pullInFlight = "";
  final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  final AtomicInteger armWrites = new AtomicInteger();
  final AtomicInteger operationsEnded = new AtomicInteger();
  final AtomicInteger uploads = new AtomicInteger();
  final AtomicInteger pushes = new AtomicInteger();
  final AtomicInteger fills = new AtomicInteger();
  final AtomicInteger clusterOps = new AtomicInteger();
  /** Upload sessions on disk at the last audit (never committed nor deleted: kills cut them). */
  final AtomicInteger uploadSessions = new AtomicInteger();

  ArmEntry entry(String url) {
    return arm.computeIfAbsent(url, ArmEntry::new);
  }

  /** Marks a write as sent; {@link #acked} or {@link #refused} follows if an answer comes. */
  void sending(ArmEntry e, ArmState intended) {
    e.inFlight = intended;
  }

  void acked(ArmEntry e, ArmState state, Optional<String> operation) {
    e.acked = state;
    e.operation = operation.orElse(null);
    e.inFlight = null;
    operation.ifPresent(op -> operations.put(op, e.url));
    armWrites.incrementAndGet();
  }

  /** An answered refusal: nothing changed. */
  void refused(ArmEntry e) {
    e.inFlight = null;
  }

  void violation(String what) {
    violations.add(what);
  }

  String summary() {
    return "ARM writes acknowledged " + armWrites + " (" + arm.size() + " resources), "
        + "operations seen ending " + operationsEnded + ", blob uploads " + uploads
        + " (" + uploadsResumed + " resumed after a kill), manifest pushes " + pushes + ", pull-through blobs " + fills
        + ", cluster operations " + clusterOps + ", upload sessions left " + uploadSessions
        + ", violations " + violations.size();
  }
}
