package io.skywire.node.gateway;

/**
 * Turns probe outcomes on one route into a {@link TunnelState} with a reason a user can act on. Pure: the caller
 * times the probes and reports what happened.
 *
 * <ul>
 *   <li>CONNECTING until the first probe is answered;</li>
 *   <li>CONNECTED while the last probe was answered within the round-trip limit;</li>
 *   <li>DEGRADED when the last answer was slow, or one or more probes in a row went unanswered, or some member
 *       routes of the tunnel's route group are lost while the others carry it ("1 of 3 routes lost");</li>
 *   <li>FAILED after {@code failAfterLost} unanswered probes in a row, or when the route (for a group: its last
 *       member) ended. FAILED is final for this tunnel: the caller moves to another.</li>
 * </ul>
 */
final class HealthTracker {

    private final int failAfterLost;
    private final long slowRoundTripMillis;
    private TunnelState state = TunnelState.CONNECTING;
    private String reason = "route set up; waiting for the gateway's first answer";
    private int lostInARow;
    private long lastRoundTripMillis;
    private int routesLost;
    private int routes;

    HealthTracker(int failAfterLost, long slowRoundTripMillis) {
        if (failAfterLost < 1 || slowRoundTripMillis < 1) {
            throw new IllegalArgumentException("failAfterLost and slowRoundTripMillis must be positive");
        }
        this.failAfterLost = failAfterLost;
        this.slowRoundTripMillis = slowRoundTripMillis;
    }

    void answered(long roundTripMillis) {
        if (state == TunnelState.FAILED) {
            return;
        }
        lostInARow = 0;
        lastRoundTripMillis = roundTripMillis;
        if (roundTripMillis > slowRoundTripMillis) {
            state = TunnelState.DEGRADED;
            reason = "the gateway answers slowly: " + roundTripMillis + " ms round trip (limit " + slowRoundTripMillis
                    + " ms)";
        } else if (routesLost > 0) {
            state = TunnelState.DEGRADED;
            reason = routesLostReason();
        } else {
            state = TunnelState.CONNECTED;
            reason = "the gateway answers through the tunnel";
        }
    }

    /** {@code lost} of the tunnel's {@code total} member routes are gone; the others still carry it. */
    void routesLost(int lost, int total) {
        if (lost < 0 || lost >= total) {
            throw new IllegalArgumentException(lost + " of " + total + " routes lost leaves none");
        }
        routesLost = lost;
        routes = total;
        if (state == TunnelState.CONNECTED || (state == TunnelState.DEGRADED && lostInARow == 0)) {
            state = lost > 0 ? TunnelState.DEGRADED : TunnelState.CONNECTED;
            reason = lost > 0 ? routesLostReason() : "the gateway answers through the tunnel";
        }
    }

    private String routesLostReason() {
        return routesLost + " of " + routes + " routes lost; the gateway answers over the others";
    }

    void lost() {
        if (state == TunnelState.FAILED) {
            return;
        }
        lostInARow++;
        if (lostInARow >= failAfterLost) {
            state = TunnelState.FAILED;
            reason = "no answer from the gateway to " + lostInARow + " probes in a row";
        } else if (state != TunnelState.CONNECTING) {
            state = TunnelState.DEGRADED;
            reason = lostInARow + (lostInARow == 1 ? " probe" : " probes") + " in a row unanswered";
        }
    }

    void routeEnded(String why) {
        if (state != TunnelState.FAILED) {
            state = TunnelState.FAILED;
            reason = "route lost: " + why;
        }
    }

    TunnelState state() {
        return state;
    }

    String reason() {
        return reason;
    }

    long lastRoundTripMillis() {
        return lastRoundTripMillis;
    }
}
