package io.skywire.node.engine;

import java.util.List;

/**
 * What an origin asks for when it opens a route: the whole path as hop node keys (the last is the
 * destination), the service class, the forwarding mode, each hop's buffer per direction in bytes, and either no
 * prices or the agreed price per GB (droplets) of each transit hop in path order, known before setup.
 */
public record RouteSpec(List<byte[]> path, QosClass qos, ForwardingMode mode, int bufferBytes, List<Long> prices) {

    public RouteSpec {
        path = List.copyOf(path);
        prices = List.copyOf(prices);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one hop");
        }
        if (bufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
            throw new IllegalArgumentException("route buffer below " + EngineConfig.MIN_ROUTE_BUFFER_BYTES + " bytes");
        }
        if (!prices.isEmpty() && prices.size() != path.size() - 1) {
            throw new IllegalArgumentException("a price for each of the " + (path.size() - 1) + " transit hops");
        }
        for (long price : prices) {
            if (price < 0) {
                throw new IllegalArgumentException("a price is never negative");
            }
        }
    }

    /** An unpaid route. */
    public RouteSpec(List<byte[]> path, QosClass qos, ForwardingMode mode, int bufferBytes) {
        this(path, qos, mode, bufferBytes, List.of());
    }

    /** Whether the transit hops are paid. */
    public boolean paid() {
        return !prices.isEmpty();
    }
}
