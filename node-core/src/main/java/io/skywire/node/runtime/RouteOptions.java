package io.skywire.node.runtime;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import java.util.Objects;

/**
 * How a route is asked for: service class, forwarding mode and each hop's buffer per direction.
 *
 * @param qos         real-time or bulk
 * @param mode        store-and-forward (per-hop buffering and resending) or cut-through
 * @param bufferBytes each hop's buffer per direction; with the RTT it sets the route's rate ceiling
 */
public record RouteOptions(QosClass qos, ForwardingMode mode, int bufferBytes) {

    public RouteOptions {
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(mode, "mode");
        if (bufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
            throw new IllegalArgumentException("route buffer below " + EngineConfig.MIN_ROUTE_BUFFER_BYTES);
        }
    }

    /** Bulk, store-and-forward, 1 MiB per hop and direction. */
    public static RouteOptions bulk() {
        return new RouteOptions(QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, 1 << 20);
    }
}
