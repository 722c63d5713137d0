package dev.isla.controlplane.rp.containerservice;

import dev.isla.arm.ArmErrorCode;
import dev.isla.arm.ArmException;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes versions Isla's clusters run (its node images carry these versions'
 * bootstrap artifacts), and the node image releases. A request names a full version
 * ({@code 1.30.3}) or a minor ({@code 1.30}, meaning its newest patch), as AKS accepts.
 */
public final class KubernetesVersions {

  /** Every supported version, oldest first. 1.29 exists (long-term support) but cannot be isolated. */
  static final List<String> SUPPORTED = List.of(
      "1.29.15",
      "1.30.3", "1.30.10", "1.30.14",
      "1.31.8", "1.31.11",
      "1.32.4", "1.32.7",
      "1.33.2", "1.33.3");

  /** What a cluster gets when the request names no version (AKS defaults to the N-1 minor). */
  static final String DEFAULT = "1.32.7";

  /**
   * Node image releases, oldest first. New pools get the first; each node image upgrade moves
   * a pool to the next one (and stays on the newest), so that a reimage is visible.
   */
  static final List<String> NODE_IMAGES = List.of(
      "AKSUbuntu-2204gen2containerd-202511.07.0",
      "AKSUbuntu-2204gen2containerd-202512.06.0",
      "AKSUbuntu-2204gen2containerd-202601.05.0");

  private KubernetesVersions() {}

  /** The full version a request means; AKS's error for anything else. */
  static String resolve(String requested) {
    String wanted = requested.strip();
    if (SUPPORTED.contains(wanted)) {
      return wanted;
    }
    Optional<String> newestPatch = SUPPORTED.reversed().stream()
        .filter(v -> v.startsWith(wanted + ".") && wanted.chars().filter(c -> c == '.').count() == 1)
        .findFirst();
    return newestPatch.orElseThrow(() -> ArmException.of(ArmErrorCode.AKS_VERSION_NOT_SUPPORTED, wanted));
  }

  /** Every supported version, oldest first: what the data plane's node images must carry. */
  public static List<String> supported() {
    return SUPPORTED;
  }

  /** Minor version number: {@code 30} for {@code 1.30.3}. */
  static int minor(String version) {
    return Integer.parseInt(version.split("\\.")[1]);
  }

  static String nextNodeImage(String current) {
    int i = NODE_IMAGES.indexOf(current);
    return i < 0 || i + 1 >= NODE_IMAGES.size() ? NODE_IMAGES.getLast() : NODE_IMAGES.get(i + 1);
  }
}
