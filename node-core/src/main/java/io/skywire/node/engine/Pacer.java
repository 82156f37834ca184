package io.skywire.node.engine;

/**
 * A token bucket in the caller's time: a sender may go while the bucket is not in debt, and pays for what it
 * sent afterwards, so a datagram is never split to fit. Integer arithmetic in bytes times 10^9 keeps the refill
 * exact at any rate; a refill never computes more than the bucket's room, so nothing overflows. The engine paces a
 * link's capacity with it, the runtime each UDP link's wire rate.
 */
public final class Pacer {

    private static final long NANOS = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long capacityScaled;
    private long scaled;
    private long refilledAt = Long.MIN_VALUE;

    /** A bucket of {@code bytesPerSecond} (positive) holding two milliseconds of it, but at least {@code minBurst}. */
    public Pacer(long bytesPerSecond, int minBurst) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        long burst = Math.max(bytesPerSecond / 500, minBurst);
        this.capacityScaled = Math.multiplyExact(burst, NANOS);
    }

    /** Whether the bucket lets a sender go at {@code now}. */
    public boolean ready(long now) {
        refill(now);
        return scaled > 0;
    }

    /** Charges {@code bytes} just sent (the bucket may go into debt by one datagram). */
    public void spend(int bytes) {
        scaled -= bytes * NANOS;
    }

    /** The earliest time at which {@link #ready} will be true. */
    long readyAt(long now) {
        return readyAt(now, 0);
    }

    /**
     * The earliest time at which the bucket is ready and holds at least {@code bytes} (at most its burst). A sender
     * that sleeps until a few datagrams' worth has come back wakes once per few datagrams instead of once per
     * datagram, at the same average rate: what it sends on waking is still bounded by the bucket.
     */
    public long readyAt(long now, int bytes) {
        refill(now);
        long wanted = Math.min(Math.multiplyExact((long) Math.max(0, bytes), NANOS), capacityScaled);
        if (scaled > 0 && scaled >= wanted) {
            return now;
        }
        return now + (wanted - scaled) / bytesPerSecond + 1;
    }

    private void refill(long now) {
        if (refilledAt == Long.MIN_VALUE) {
            refilledAt = now;
            scaled = capacityScaled;
            return;
        }
        long elapsed = now - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        refilledAt = now;
        long room = capacityScaled - scaled;
        scaled = elapsed >= room / bytesPerSecond + 1 ? capacityScaled : scaled + elapsed * bytesPerSecond;
    }
}
