package io.skywire.app.ui;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.identity.NodeId;

/**
 * One line of the gateway table, derived from a {@link GatewaySnapshot}: numbers stay numbers (droplets, ms, bytes
 * per second, percent) so the table sorts them as numbers; -1 or 0 mean "not measured yet" as documented per field.
 *
 * @param gateway                   the gateway's fingerprint
 * @param region                    its advertised region
 * @param pricePerGbDroplets        its own price per GB
 * @param expectedCostPerGbDroplets its price plus the dearest path's transit price
 * @param hops                      hops on the shortest path
 * @param roundTripMillis           last probe's round trip, 0 while unmeasured
 * @param throughputBytesPerSecond  last throughput probe, 0 while unmeasured
 * @param successPercent            tunnels that worked per attempt, -1 while never tried
 * @param inUse                     whether the tunnel goes through it now
 * @param id                        the gateway's node id, for connecting and testing it
 * @param routes                    node-disjoint paths the tunnel would join into one route group
 */
public record GatewayRow(String gateway, String region, long pricePerGbDroplets, long expectedCostPerGbDroplets,
                         int hops, long roundTripMillis, long throughputBytesPerSecond, int successPercent,
                         boolean inUse, NodeId id, int routes) {

    /** The row for one snapshot. */
    public static GatewayRow of(GatewaySnapshot snapshot) {
        var candidate = snapshot.candidate();
        return new GatewayRow(candidate.gateway().fingerprint(), candidate.region(),
                candidate.gatewayPricePerGbDroplets(), candidate.expectedCostPerGbDroplets(), candidate.hops(),
                snapshot.roundTripMillis(), snapshot.throughputBytesPerSecond(), snapshot.successPercent(),
                snapshot.inUse(), candidate.gateway(), candidate.paths().size());
    }

    /** This row with the tunnel going through it ({@code now}) or not. */
    public GatewayRow withInUse(boolean now) {
        return new GatewayRow(gateway, region, pricePerGbDroplets, expectedCostPerGbDroplets, hops, roundTripMillis,
                throughputBytesPerSecond, successPercent, now, id, routes);
    }

    /** The gateway's price and what the routes to it add per GB. */
    public long transitPerGbDroplets() {
        return expectedCostPerGbDroplets - pricePerGbDroplets;
    }
}
