package io.skywire.node.routing;

import java.util.List;

/**
 * How a route's cost weighs price, latency and length. A path's cost is the sum over its links of
 * {@code perMicrosecond * latency + perHop}, plus {@code perDroplet * price} for every transit node (not the
 * origin, not the destination). All terms are non-negative and the per-hop term positive, so the design's
 * rule C(A->B->C) >= C(A->B) + C(B->C) holds: the two halves share no link, and B's transit price is paid on
 * the whole path only. Costs are exact integers; a sum that would overflow a long is refused.
 *
 * @param perDroplet     weight of one droplet per GB of a transit node's price
 * @param perMicrosecond weight of one microsecond of link latency
 * @param perHop         constant cost of each link, at least 1
 */
public record CostWeights(long perDroplet, long perMicrosecond, long perHop) {

    public CostWeights {
        if (perDroplet < 0 || perMicrosecond < 0 || perHop < 1) {
            throw new IllegalArgumentException("cost weights must not be negative and the per-hop cost must be >= 1");
        }
    }

    /** Equal weight to a droplet per GB and a microsecond, and a hop worth a millisecond. */
    public static CostWeights defaults() {
        return new CostWeights(1, 1, 1_000);
    }

    /**
     * The cost of the path from {@code origin} through {@code hops} (the last hop is the destination).
     *
     * @throws IllegalArgumentException when a link or node of the path is not in the graph
     * @throws ArithmeticException      when the cost overflows a long
     */
    public long cost(LinkGraph graph, NodeKey origin, List<NodeKey> hops) {
        long cost = 0;
        NodeKey previous = origin;
        for (int i = 0; i < hops.size(); i++) {
            NodeKey hop = hops.get(i);
            cost = Math.addExact(cost, linkCost(graph, previous, hop, i < hops.size() - 1));
            previous = hop;
        }
        return cost;
    }

    /**
     * The cost of crossing {@code ring} to its member {@code to}: like a link of the ring's latency whose far end
     * forwards at the ring's price, plus the price of {@code to} when it forwards in turn.
     */
    long ringCost(LinkGraph graph, VirtualRing ring, NodeKey to, boolean toIsTransit) {
        GraphNode node = graph.node(to);
        if (node == null || !ring.contains(to)) {
            throw new IllegalArgumentException(to + " is not a member of ring " + ring.id() + " in the graph");
        }
        long cost = Math.addExact(Math.multiplyExact(perMicrosecond, ring.latencyMicros()), perHop);
        cost = Math.addExact(cost, Math.multiplyExact(perDroplet, ring.transitPricePerGbDroplets()));
        if (toIsTransit) {
            cost = Math.addExact(cost, Math.multiplyExact(perDroplet, node.transitPricePerGbDroplets()));
        }
        return cost;
    }

    /** The cost of one link, with the price of its far end when that end forwards (is not the destination). */
    long linkCost(LinkGraph graph, NodeKey from, NodeKey to, boolean toIsTransit) {
        GraphLink link = graph.link(from, to);
        GraphNode node = graph.node(to);
        if (link == null || node == null) {
            throw new IllegalArgumentException("no link " + from + " -> " + to + " in the graph");
        }
        long cost = Math.addExact(Math.multiplyExact(perMicrosecond, link.latencyMicros()), perHop);
        if (toIsTransit) {
            cost = Math.addExact(cost, Math.multiplyExact(perDroplet, node.transitPricePerGbDroplets()));
        }
        return cost;
    }
}
