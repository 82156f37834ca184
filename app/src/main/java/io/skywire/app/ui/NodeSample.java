package io.skywire.app.ui;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.RuntimeCounters;
import java.util.List;
import java.util.Objects;

/**
 * One reading of the embedded node, taken off the FX thread and handed to the view models whole, so a screen never
 * shows the counters of one moment beside the tunnel state of another.
 *
 * @param nanos    a monotonic time stamp ({@link System#nanoTime()}), for rates between readings
 * @param counters the client node's counters
 * @param knownPeers nodes the client's discovery holds a valid record of (itself not included)
 * @param tunnel   the tunnel's state and reason
 * @param gateways every gateway the client knows, with its measurements
 * @param chosenGateway the gateway the user pinned, or null while the client chooses ("auto")
 * @param nodeEarnedDroplets what the user's own node has earned forwarding for others since it started
 */
public record NodeSample(long nanos, RuntimeCounters counters, int knownPeers, TunnelStatus tunnel,
                         List<GatewaySnapshot> gateways, NodeId chosenGateway, long nodeEarnedDroplets) {

    public NodeSample {
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(tunnel, "tunnel");
        gateways = List.copyOf(gateways);
        if (nodeEarnedDroplets < 0) {
            throw new IllegalArgumentException("earnings cannot be negative");
        }
    }

    /** A reading with the choice left to the client and nothing earned. */
    public NodeSample(long nanos, RuntimeCounters counters, int knownPeers, TunnelStatus tunnel,
                      List<GatewaySnapshot> gateways) {
        this(nanos, counters, knownPeers, tunnel, gateways, null, 0);
    }
}
