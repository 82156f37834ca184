package io.skywire.node.gateway;

import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A gateway the client could use and the routes it would take: known before connecting, so the user sees the expected
 * cost per GB (every transit hop's price plus the gateway's) ahead of sending a byte.
 *
 * <p>With more than one path the client joins one route per path into a route group (docs/PROTOCOL.md 6.6), so a
 * connection survives the loss of a path. The paths are node-disjoint apart from the gateway. The group stripes bytes
 * over its members in whatever share each one takes, so a GB may all cross the dearest path: the transit price is
 * that of the most expensive path, an upper bound rather than an average.
 *
 * @param path                      the primary route's hops; the last is the gateway
 * @param gatewayPricePerGbDroplets the gateway's advertised price per 10^9 bytes
 * @param transitPricePerGbDroplets the most expensive path's sum of transit hop prices per 10^9 bytes
 * @param region                    the gateway's region label
 * @param alternates                further paths to the same gateway, node-disjoint from the primary and each other
 */
public record GatewayCandidate(List<NodeId> path, long gatewayPricePerGbDroplets, long transitPricePerGbDroplets,
                               String region, List<List<NodeId>> alternates) {

    public GatewayCandidate {
        path = List.copyOf(path);
        alternates = alternates.stream().map(List::copyOf).toList();
        Objects.requireNonNull(region, "region");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least the gateway");
        }
        if (gatewayPricePerGbDroplets < 0 || transitPricePerGbDroplets < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
        NodeId gateway = path.get(path.size() - 1);
        Set<NodeId> used = new HashSet<>(path.subList(0, path.size() - 1));
        for (List<NodeId> other : alternates) {
            if (other.isEmpty() || !other.get(other.size() - 1).equals(gateway)) {
                throw new IllegalArgumentException("every path must end at the same gateway");
            }
            for (NodeId hop : other.subList(0, other.size() - 1)) {
                if (hop.equals(gateway) || !used.add(hop)) {
                    throw new IllegalArgumentException("the paths to a gateway must be node-disjoint");
                }
            }
        }
    }

    /** A candidate over one path. */
    public GatewayCandidate(List<NodeId> path, long gatewayPricePerGbDroplets, long transitPricePerGbDroplets,
                            String region) {
        this(path, gatewayPricePerGbDroplets, transitPricePerGbDroplets, region, List.of());
    }

    /**
     * A candidate over several node-disjoint paths to one gateway; the first is the primary.
     *
     * @param transitPricePerGbDroplets the most expensive path's transit price
     */
    public static GatewayCandidate overPaths(List<List<NodeId>> paths, long gatewayPricePerGbDroplets,
                                             long transitPricePerGbDroplets, String region) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("at least one path");
        }
        return new GatewayCandidate(paths.get(0), gatewayPricePerGbDroplets, transitPricePerGbDroplets, region,
                paths.subList(1, paths.size()));
    }

    /** Every path, the primary first. */
    public List<List<NodeId>> paths() {
        List<List<NodeId>> all = new ArrayList<>(1 + alternates.size());
        all.add(path);
        all.addAll(alternates);
        return List.copyOf(all);
    }

    /** The gateway node: the path's last hop. */
    public NodeId gateway() {
        return path.get(path.size() - 1);
    }

    /** Hops from the client to the gateway on the shortest path. */
    public int hops() {
        int fewest = path.size();
        for (List<NodeId> other : alternates) {
            fewest = Math.min(fewest, other.size());
        }
        return fewest;
    }

    /** What one GB through this gateway is expected to cost at most, in droplets (refuses to overflow). */
    public long expectedCostPerGbDroplets() {
        return Math.addExact(gatewayPricePerGbDroplets, transitPricePerGbDroplets);
    }
}
