package dev.isla.launcher.load;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What every load client of one run talks to, prepared by {@link LoadSetup}: the ARM listener,
 * the registry listener and the registry created for the run (by its virtual host), the images
 * its cache rule pulls from the MCR stand-in, and a fixture blob pushed before the clients start
 * (ranges are checked against its bytes).
 *
 * @param run the run's label, part of every name it creates
 * @param arm the plain-HTTP ARM listener
 * @param subscription the subscription id
 * @param registry the registry listener (every registry, by {@code Host})
 * @param loginServer the run's registry, {@code <name>.azurecr.io}
 * @param mcrImages what the cache rule {@code mcr/*} serves, with the stand-in's digests
 * @param fixture the fixture blob
 */
record LoadTarget(String run, InetSocketAddress arm, String subscription,
    InetSocketAddress registry, String loginServer, List<McrImage> mcrImages, Fixture fixture) {

  /** The cache rule's target prefix in the run's registry. */
  static final String CACHE_PREFIX = "mcr/";

  LoadTarget {
    mcrImages = List.copyOf(mcrImages);
    if (mcrImages.isEmpty()) {
      throw new IllegalArgumentException("the MCR stand-in serves no image");
    }
  }

  /**
   * One tag of the MCR stand-in: its manifest digest, the child manifests (for an index) and
   * every blob a pull fetches (config and layers), as the stand-in serves them.
   */
  record McrImage(String repository, String tag, String digest, List<String> children,
      List<String> blobs) {}

  /** A blob in repository {@code load/fixture}, tagged {@code v1} in an image manifest. */
  record Fixture(String repository, String digest, byte[] bytes) {}

  String armHost() {
    return arm.getHostString() + ":" + arm.getPort();
  }

  String groupsPath() {
    return "/subscriptions/" + subscription + "/resourceGroups/";
  }
}
