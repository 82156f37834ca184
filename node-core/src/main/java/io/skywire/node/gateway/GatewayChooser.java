package io.skywire.node.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * "Auto": orders gateways by value for the user, best first. The score is the expected cost per GB, made worse by a
 * slow round trip, low measured throughput and a poor success rate:
 *
 * <pre>score = (cost per GB + 1) * (1 + rtt / 250 ms) * max(1, 1 MB/s / throughput) / success rate</pre>
 *
 * where an unmeasured round trip counts as 50 ms per hop, unmeasured throughput as good enough, and the success rate
 * is Laplace-smoothed. The score only ranks; money stays in integer droplets. Gateways that failed within the
 * retry interval go last (oldest failure first), so a flapping gateway is not chosen again at once, yet the client
 * still tries it when nothing else is left.
 */
final class GatewayChooser {

    static final long ASSUMED_MILLIS_PER_HOP = 50;
    static final long GOOD_THROUGHPUT_BYTES_PER_SECOND = 1_000_000;
    private static final double ROUND_TRIP_SCALE_MILLIS = 250;

    private final long retryAfterMillis;

    GatewayChooser(long retryAfterMillis) {
        this.retryAfterMillis = retryAfterMillis;
    }

    /** The score of one gateway (lower is better). */
    static double score(GatewayCandidate candidate, GatewayStats stats) {
        long rtt = stats.roundTripMillis() > 0 ? stats.roundTripMillis() : ASSUMED_MILLIS_PER_HOP * candidate.hops();
        long throughput = stats.throughputBytesPerSecond();
        double slowness = throughput > 0 ? Math.max(1.0, (double) GOOD_THROUGHPUT_BYTES_PER_SECOND / throughput) : 1.0;
        return (candidate.expectedCostPerGbDroplets() + 1.0) * (1.0 + rtt / ROUND_TRIP_SCALE_MILLIS) * slowness
                / stats.successRate();
    }

    /** All candidates, best first. */
    List<GatewayCandidate> rank(List<GatewayCandidate> candidates, Map<GatewayCandidate, GatewayStats> stats,
                                long nowMillis) {
        long since = nowMillis - retryAfterMillis;
        List<GatewayCandidate> fresh = new ArrayList<>();
        List<GatewayCandidate> recentlyFailed = new ArrayList<>();
        for (GatewayCandidate candidate : candidates) {
            (statsOf(stats, candidate).failedSince(since) ? recentlyFailed : fresh).add(candidate);
        }
        fresh.sort(Comparator.comparingDouble(c -> score(c, statsOf(stats, c))));
        recentlyFailed.sort(Comparator.comparingLong(c -> statsOf(stats, c).failedAtMillis()));
        fresh.addAll(recentlyFailed);
        return fresh;
    }

    private static GatewayStats statsOf(Map<GatewayCandidate, GatewayStats> stats, GatewayCandidate candidate) {
        return stats.computeIfAbsent(candidate, c -> new GatewayStats());
    }
}
