package io.skywire.node.gateway;

/**
 * Turns probe outcomes on one route into a {@link TunnelState} with a reason a user can act on. Pure: the caller
 * times the probes and reports what happened.
 *
 * <ul>
 *   <li>CONNECTING until the first probe is answered;</li>
 *   <li>CONNECTED while the last probe was answered within the round-trip limit;</li>
 *   <li>DEGRADED when the last answer was slow, or one or more probes in a row went unanswered;</li>
 *   <li>FAILED after {@code failAfterLost} unanswered probes in a row, or when the route ended. FAILED is final for
 *       this route: the caller moves to another.</li>
 * </ul>
 */
final class HealthTracker {

    private final int failAfterLost;
    private final long slowRoundTripMillis;
    private TunnelState state = TunnelState.CONNECTING;
    private String reason = "route set up; waiting for the gateway's first answer";
    private int lostInARow;
    private long lastRoundTripMillis;

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
        } else {
            state = TunnelState.CONNECTED;
            reason = "the gateway answers through the tunnel";
        }
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
