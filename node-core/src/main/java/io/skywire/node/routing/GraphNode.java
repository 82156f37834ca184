package io.skywire.node.routing;

import java.util.Objects;

/**
 * A node of the routing graph: its key, what it charges to forward, and its gateway offer if it has one.
 *
 * @param transitPricePerGbDroplets what the node charges per 10^9 bytes it forwards for others, in droplets
 * @param gateway                   its clearnet gateway terms, or null when it offers none
 */
public record GraphNode(NodeKey key, long transitPricePerGbDroplets, GatewayTerms gateway) {

    public GraphNode {
        Objects.requireNonNull(key, "key");
        if (transitPricePerGbDroplets < 0) {
            throw new IllegalArgumentException("transit price must not be negative");
        }
    }

    /** Whether the node offers clearnet connectivity. */
    public boolean isGateway() {
        return gateway != null;
    }
}
