package io.skywire.node.gateway;

import io.skywire.node.identity.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * A gateway the client could use and the route it would take: known before connecting, so the user sees the expected
 * cost per GB (every transit hop's price plus the gateway's) ahead of sending a byte.
 *
 * @param path                      the route's hops; the last is the gateway
 * @param gatewayPricePerGbDroplets the gateway's advertised price per 10^9 bytes
 * @param transitPricePerGbDroplets the sum of the transit hops' prices per 10^9 bytes
 * @param region                    the gateway's region label
 */
public record GatewayCandidate(List<NodeId> path, long gatewayPricePerGbDroplets, long transitPricePerGbDroplets,
                               String region) {

    public GatewayCandidate {
        path = List.copyOf(path);
        Objects.requireNonNull(region, "region");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a path needs at least the gateway");
        }
        if (gatewayPricePerGbDroplets < 0 || transitPricePerGbDroplets < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** The gateway node: the path's last hop. */
    public NodeId gateway() {
        return path.get(path.size() - 1);
    }

    /** Hops from the client to the gateway. */
    public int hops() {
        return path.size();
    }

    /** What one GB through this gateway is expected to cost, in droplets (refuses to overflow). */
    public long expectedCostPerGbDroplets() {
        return Math.addExact(gatewayPricePerGbDroplets, transitPricePerGbDroplets);
    }
}
