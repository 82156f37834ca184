package io.skywire.node.engine;

/**
 * The buffer policy of a node and, for {@link BufferPolicy#PER_SENDER_BUFFER}, its two bounds.
 *
 * @param policy             credit per route, or one buffer per upstream neighbour with BLOCK/UNBLOCK
 * @param senderBufferBytes  per-sender policy: bytes one upstream neighbour may have held here before every route
 *                           it sends on is blocked (the high-water mark; unblocked below half of it)
 * @param blockTimeoutNanos  per-sender policy: a BLOCK not repeated within this lapses at the sender, so a lost
 *                           UNBLOCK or a neighbour that forgot its blocks stalls a route for at most this long; a
 *                           blocking hop repeats its BLOCKs every third of it
 */
public record BufferSettings(BufferPolicy policy, int senderBufferBytes, long blockTimeoutNanos) {

    /** The default per-sender buffer: sixteen default-sized (64 KiB) route buffers. */
    public static final int DEFAULT_SENDER_BUFFER_BYTES = 1 << 20;
    /** The default block lapse: three housekeeping periods of the default engine. */
    public static final long DEFAULT_BLOCK_TIMEOUT_NANOS = 3_000_000_000L;

    public BufferSettings {
        if (policy == null) {
            throw new IllegalArgumentException("buffer policy missing");
        }
        if (senderBufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
            throw new IllegalArgumentException("senderBufferBytes below " + EngineConfig.MIN_ROUTE_BUFFER_BYTES);
        }
        if (blockTimeoutNanos <= 0) {
            throw new IllegalArgumentException("blockTimeoutNanos must be positive");
        }
    }

    /**
     * The policy a node uses unless told otherwise, with the default bounds: per-sender buffers, which the
     * buffer experiment (docs/EXPERIMENTS.md) found to match credit's throughput and fairness in a fraction of
     * its memory.
     */
    public static BufferSettings defaults() {
        return of(BufferPolicy.PER_SENDER_BUFFER);
    }

    /** {@code policy} with the default bounds. */
    public static BufferSettings of(BufferPolicy policy) {
        return new BufferSettings(policy, DEFAULT_SENDER_BUFFER_BYTES, DEFAULT_BLOCK_TIMEOUT_NANOS);
    }

    /**
     * Round trips' worth of a link's in-flight window a sender may still deliver after its buffer's high-water
     * mark before its payloads are refused: an honest sender stops within about one round trip of the BLOCK (more
     * when the BLOCK is lost and resent), a sender that ignores BLOCKs does not.
     */
    public static final int OVERSHOOT_WINDOWS = 8;

    /**
     * Per-sender policy: the most payload bytes one upstream neighbour may have held at a hop, on a link of
     * {@code mtu} with {@code maxInFlightPackets} (docs/PROTOCOL.md 2.8); beyond it its payloads are refused.
     */
    public long hardLimitBytes(int maxInFlightPackets, int mtu) {
        long window = (long) (maxInFlightPackets + LinkState.REAL_TIME_RESERVE) * mtu;
        return senderBufferBytes + OVERSHOOT_WINDOWS * window;
    }

    /** Whether hops keep one buffer per upstream neighbour and block routes instead of granting credit. */
    public boolean perSender() {
        return policy == BufferPolicy.PER_SENDER_BUFFER;
    }
}
