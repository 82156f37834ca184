package io.skywire.node.routing;

import java.util.List;

/**
 * A path a search found, with what it will cost before any route is opened: its routing cost, what a GB over it
 * costs in droplets (the transit nodes' prices plus the gateway's price when the destination is a gateway),
 * its total one-way latency and its narrowest link.
 *
 * @param hops                      the path's nodes after the origin; the last is the destination
 * @param cost                      routing cost under the search's {@link CostWeights}
 * @param expectedDropletsPerGb     transit prices plus the destination's gateway price, per 10^9 bytes
 * @param latencyMicros             sum of the links' one-way latencies
 * @param bottleneckBitsPerSecond   the smallest link capacity on the path (0 when one is unknown)
 */
public record RoutePath(List<NodeKey> hops, long cost, long expectedDropletsPerGb, long latencyMicros,
                        long bottleneckBitsPerSecond) {

    public RoutePath {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one hop");
        }
    }

    /** The destination. */
    public NodeKey destination() {
        return hops.get(hops.size() - 1);
    }

    /** The nodes between origin and destination. */
    public List<NodeKey> transitNodes() {
        return hops.subList(0, hops.size() - 1);
    }

    /** The path as the engine's route specification wants it: each hop's key bytes. */
    public List<byte[]> keyBytes() {
        return hops.stream().map(NodeKey::bytes).toList();
    }
}
