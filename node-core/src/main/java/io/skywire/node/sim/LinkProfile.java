package io.skywire.node.sim;

/** One direction of a virtual link: bandwidth, one-way delay, loss probability and whether it reaches at all. */
public record LinkProfile(long bitsPerSecond, long delayNanos, double loss, boolean reachable) {

    public LinkProfile {
        if (bitsPerSecond <= 0 || delayNanos < 0 || loss < 0 || loss > 1) {
            throw new IllegalArgumentException("invalid link profile");
        }
    }

    /** A reachable direction with the given rate, delay and loss. */
    public static LinkProfile of(long bitsPerSecond, long delayNanos, double loss) {
        return new LinkProfile(bitsPerSecond, delayNanos, loss, true);
    }
}
