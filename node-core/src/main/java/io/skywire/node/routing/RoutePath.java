package io.skywire.node.routing;

import java.util.ArrayList;
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
 * @param ringHops                  the steps taken across a virtual ring rather than a link, by hop index
 */
public record RoutePath(List<NodeKey> hops, long cost, long expectedDropletsPerGb, long latencyMicros,
                        long bottleneckBitsPerSecond, List<RingHop> ringHops) {

    public RoutePath {
        hops = List.copyOf(hops);
        ringHops = List.copyOf(ringHops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one hop");
        }
        for (RingHop ringHop : ringHops) {
            if (ringHop.index() >= hops.size()) {
                throw new IllegalArgumentException("a ring hop beyond the path");
            }
        }
    }

    /** A path over links only. */
    public RoutePath(List<NodeKey> hops, long cost, long expectedDropletsPerGb, long latencyMicros,
                     long bottleneckBitsPerSecond) {
        this(hops, cost, expectedDropletsPerGb, latencyMicros, bottleneckBitsPerSecond, List.of());
    }

    /**
     * The nodes a route's setup goes through, after the origin: the hops, with the ring members each ring hop passes
     * between its entry and exit members. Equal to {@link #hops()} for a path over links only.
     */
    public List<NodeKey> setupHops() {
        if (ringHops.isEmpty()) {
            return hops;
        }
        List<NodeKey> setup = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            for (RingHop ringHop : ringHops) {
                if (ringHop.index() == i) {
                    setup.addAll(ringHop.through());
                }
            }
            setup.add(hops.get(i));
        }
        return setup;
    }

    /** The destination. */
    public NodeKey destination() {
        return hops.get(hops.size() - 1);
    }

    /** The nodes between origin and destination. */
    public List<NodeKey> transitNodes() {
        return hops.subList(0, hops.size() - 1);
    }

    /** The path as the engine's route specification wants it: each setup hop's key bytes. */
    public List<byte[]> keyBytes() {
        return setupHops().stream().map(NodeKey::bytes).toList();
    }
}
