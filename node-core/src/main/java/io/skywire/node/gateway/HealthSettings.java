package io.skywire.node.gateway;

/**
 * How the client watches its tunnel.
 *
 * @param probeIntervalMillis a probe goes through the tunnel this often
 * @param probeTimeoutMillis  a probe unanswered after this long counts as lost
 * @param failAfterLost       this many lost probes in a row make the tunnel FAILED, and the client moves on
 * @param slowRoundTripMillis a round trip above this makes the tunnel DEGRADED
 * @param retryAfterMillis    a gateway that failed is tried again first after this long (earlier only if nothing
 *                            else is left)
 */
public record HealthSettings(long probeIntervalMillis, long probeTimeoutMillis, int failAfterLost,
                             long slowRoundTripMillis, long retryAfterMillis) {

    public HealthSettings {
        if (probeIntervalMillis < 10 || probeTimeoutMillis < probeIntervalMillis || failAfterLost < 1
                || slowRoundTripMillis < 1 || retryAfterMillis < 0) {
            throw new IllegalArgumentException("probe interval >= 10 ms, timeout >= interval, failAfterLost >= 1, "
                    + "slow round trip >= 1 ms, retry interval >= 0");
        }
    }

    /** A probe every 2 s, lost after 4 s; three lost in a row fail the tunnel; 1.5 s is slow; retry after 60 s. */
    public static HealthSettings defaults() {
        return new HealthSettings(2_000, 4_000, 3, 1_500, 60_000);
    }
}
