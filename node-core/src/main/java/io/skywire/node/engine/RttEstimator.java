package io.skywire.node.engine;

/** Smoothed round-trip time and retransmission timeout of one link, as RFC 6298 computes them. */
final class RttEstimator {

    private static final long MAX_RTO_NANOS = 60_000_000_000L;

    private final long minRto;
    private final long initialRto;
    private long smoothed;
    private long variation;
    private long latest;
    private boolean sampled;

    RttEstimator(long minRto, long initialRto) {
        this.minRto = minRto;
        this.initialRto = initialRto;
    }

    void sample(long rttNanos) {
        long rtt = Math.max(1, rttNanos);
        latest = rtt;
        if (!sampled) {
            smoothed = rtt;
            variation = rtt / 2;
            sampled = true;
            return;
        }
        variation = (3 * variation + Math.abs(smoothed - rtt)) / 4;
        smoothed = (7 * smoothed + rtt) / 8;
    }

    boolean hasSample() {
        return sampled;
    }

    long smoothed() {
        return sampled ? smoothed : initialRto;
    }

    long latest() {
        return sampled ? latest : initialRto;
    }

    long rto() {
        if (!sampled) {
            return initialRto;
        }
        return Math.min(MAX_RTO_NANOS, Math.max(minRto, smoothed + Math.max(1_000_000L, 4 * variation)));
    }

    /** Time after which a packet sent before a later acknowledged one is considered lost (9/8 RTT, as QUIC). */
    long lossDelay() {
        return Math.max(1_000_000L, Math.max(smoothed(), latest()) * 9 / 8);
    }
}
