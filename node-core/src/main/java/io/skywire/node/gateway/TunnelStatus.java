package io.skywire.node.gateway;

import java.util.Objects;

/**
 * One observation of the tunnel for the user: its state and why, the gateway in use (null when none), the last probe's
 * round trip and the measured throughput (0 while unknown), and whether connections currently bypass the tunnel
 * (only when the kill switch is off and no gateway works).
 */
public record TunnelStatus(TunnelState state, String reason, GatewayCandidate gateway, long roundTripMillis,
                           long throughputBytesPerSecond, boolean direct) {

    public TunnelStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(state.name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(reason);
        if (gateway != null) {
            text.append(" (gateway ").append(gateway.gateway().fingerprint()).append(" in ").append(gateway.region())
                    .append(", ").append(gateway.hops()).append(" hops, ").append(gateway.expectedCostPerGbDroplets())
                    .append(" droplets/GB");
            if (roundTripMillis > 0) {
                text.append(", rtt ").append(roundTripMillis).append(" ms");
            }
            if (throughputBytesPerSecond > 0) {
                text.append(", ").append(throughputBytesPerSecond / 1000).append(" kB/s");
            }
            text.append(')');
        }
        if (direct) {
            text.append("; connections go direct, outside the tunnel (kill switch off)");
        }
        return text.toString();
    }
}
