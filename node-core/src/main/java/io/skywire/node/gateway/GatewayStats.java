package io.skywire.node.gateway;

/**
 * What the client has measured of one gateway over its route: how often its tunnel worked, the last round trip and
 * throughput, and when it last failed. Mutable; one thread (the proxy's loop) updates it.
 */
final class GatewayStats {

    private int attempts;
    private int successes;
    private long roundTripMillis;
    private long throughputBytesPerSecond;
    private long failedAtMillis = Long.MIN_VALUE;

    void attempted() {
        attempts++;
    }

    /** The tunnel answered its first probe: this attempt succeeded. */
    void succeeded() {
        successes++;
    }

    void failed(long nowMillis) {
        failedAtMillis = nowMillis;
    }

    void roundTrip(long millis) {
        roundTripMillis = millis;
    }

    void throughput(long bytesPerSecond) {
        throughputBytesPerSecond = bytesPerSecond;
    }

    int attempts() {
        return attempts;
    }

    int successes() {
        return successes;
    }

    /** Successes over attempts with one of each assumed (Laplace), so an untried gateway scores 0.5, not 0 or 1. */
    double successRate() {
        return (successes + 1.0) / (attempts + 2.0);
    }

    /** 0 while unmeasured. */
    long roundTripMillis() {
        return roundTripMillis;
    }

    /** 0 while unmeasured. */
    long throughputBytesPerSecond() {
        return throughputBytesPerSecond;
    }

    boolean failedSince(long sinceMillis) {
        return failedAtMillis != Long.MIN_VALUE && failedAtMillis >= sinceMillis;
    }

    long failedAtMillis() {
        return failedAtMillis;
    }
}
