package io.skywire.node.routing;

import java.util.Objects;

/**
 * One direction of a link between two nodes, as measured or advertised.
 *
 * @param latencyMicros         one-way latency in microseconds
 * @param capacityBitsPerSecond what the link carries, in bits per second (0 when unknown)
 */
public record GraphLink(NodeKey from, NodeKey to, long latencyMicros, long capacityBitsPerSecond) {

    public GraphLink {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a link joins two different nodes");
        }
        if (latencyMicros < 0 || capacityBitsPerSecond < 0) {
            throw new IllegalArgumentException("latency and capacity must not be negative");
        }
    }
}
