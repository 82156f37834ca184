package io.skywire.node.runtime;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import java.util.List;
import java.util.Objects;

/**
 * How a route is asked for: service class, forwarding mode, each hop's buffer per direction, and the prices.
 *
 * @param qos         real-time or bulk
 * @param mode        store-and-forward (per-hop buffering and resending) or cut-through
 * @param bufferBytes each hop's buffer per direction; with the RTT it sets the route's rate ceiling
 * @param prices      empty, or each transit hop's agreed price per GB in droplets (docs/PROTOCOL.md section 7)
 */
public record RouteOptions(QosClass qos, ForwardingMode mode, int bufferBytes, List<Long> prices) {

    public RouteOptions {
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(mode, "mode");
        prices = List.copyOf(prices);
        if (bufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
            throw new IllegalArgumentException("route buffer below " + EngineConfig.MIN_ROUTE_BUFFER_BYTES);
        }
    }

    /** An unpaid route. */
    public RouteOptions(QosClass qos, ForwardingMode mode, int bufferBytes) {
        this(qos, mode, bufferBytes, List.of());
    }

    /** These options with each transit hop's agreed price per GB. */
    public RouteOptions withPrices(List<Long> hopPrices) {
        return new RouteOptions(qos, mode, bufferBytes, hopPrices);
    }

    /** These options with the forwarding mode {@code newMode}. */
    public RouteOptions withMode(ForwardingMode newMode) {
        return new RouteOptions(qos, newMode, bufferBytes, prices);
    }

    /** Bulk, store-and-forward, 1 MiB per hop and direction. */
    public static RouteOptions bulk() {
        return new RouteOptions(QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, 1 << 20);
    }
}
