package dev.isla.fabric;

import dev.isla.fabric.route.Path;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a node's datagrams (DNS over UDP) to a logical destination go: the caller binds its
 * datagram socket to {@code source} and sends to {@code listener}, which is always loopback.
 *
 * @param source the node's real source address
 * @param listener the real listener serving the destination
 * @param path how the datagrams get there
 */
public record DatagramRoute(InetAddress source, InetSocketAddress listener, Path path) {}
