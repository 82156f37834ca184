package io.skywire.node.gateway;

/**
 * An immutable copy of what the client knows of one gateway, for a user interface that must not touch the proxy's
 * mutable per-gateway state: the candidate (prices, region, paths) and what its tunnel has measured so far.
 *
 * @param candidate                the gateway, its routes and advertised prices
 * @param attempts                 tunnels tried to it
 * @param successes                tunnels that answered their first probe
 * @param roundTripMillis          the last probe's round trip, 0 while unmeasured
 * @param throughputBytesPerSecond the last throughput probe, 0 while unmeasured
 * @param inUse                    whether the client's tunnel currently goes through it
 */
public record GatewaySnapshot(GatewayCandidate candidate, int attempts, int successes, long roundTripMillis,
                              long throughputBytesPerSecond, boolean inUse) {

    public GatewaySnapshot {
        java.util.Objects.requireNonNull(candidate, "candidate");
        if (attempts < 0 || successes < 0 || successes > attempts) {
            throw new IllegalArgumentException("successes must be in 0..attempts");
        }
    }

    /** Successes per attempt in percent, or -1 while it was never tried (an unknown, not a failure). */
    public int successPercent() {
        return attempts == 0 ? -1 : (int) (100L * successes / attempts);
    }
}
