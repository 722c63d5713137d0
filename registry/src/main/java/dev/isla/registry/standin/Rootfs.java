package dev.isla.registry.standin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a stand-in layer: {@code etc/os-release} naming what it stands in for (images
 * only) and one shell script per executable that prints its name and version, so a container
 * runtime can unpack the layer and a node can run {@code kubelet --version}.
 */
final class Rootfs {

  private static final int EXECUTABLE = 0755;
  private static final int REGULAR = 0644;

  private Rootfs() {}

  static List<Tar.File> of(StandInEntry entry, String architecture) {
    List<Tar.File> files = new ArrayList<>();
    if (entry.kind() == StandInEntry.Kind.IMAGE) {
      files.add(new Tar.File("etc/os-release", utf8(osRelease(entry, architecture)), REGULAR));
    }
    for (String path : entry.executables()) {
      files.add(new Tar.File(path, utf8(script(entry, architecture, path)), EXECUTABLE));
    }
    return files;
  }

  private static String osRelease(StandInEntry entry, String architecture) {
    return "NAME=\"Isla stand-in\"\n"
        + "ID=isla-standin\n"
        + "VERSION_ID=\"" + StandInContent.GENERATOR_VERSION + "\"\n"
        + "PRETTY_NAME=\"Isla stand-in for mcr.microsoft.com/" + entry.repository() + ":"
        + entry.version() + " (linux/" + architecture + ")\"\n";
  }

  private static String script(StandInEntry entry, String architecture, String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    // kubelet and kubectl answer their version flags the way the real binaries word them.
    String output = switch (name) {
      case "kubelet" -> "Kubernetes " + entry.version();
      case "kubectl" -> "Client Version: " + entry.version();
      default -> name + " " + entry.version();
    };
    return "#!/bin/sh\n"
        + "# Isla's stand-in for " + name + " from mcr.microsoft.com/" + entry.repository()
        + " (linux/" + architecture + "): a script, not the real program.\n"
        + "echo '" + output + "'\n";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
