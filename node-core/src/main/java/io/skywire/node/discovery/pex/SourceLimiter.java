package io.skywire.node.discovery.pex;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per sender address plus one for all senders together, so that one flooding host costs at most its
 * own small share and many hosts together at most the global rate. Decode and signature checks come after
 * {@link #allow}, so a flood is dropped before it costs a verification. Sans-I/O: the caller passes now.
 *
 * <p>The per-source table is bounded: when it is full, buckets that have refilled completely (their senders have
 * been quiet) are forgotten, and if none has, new senders share the global bucket only.
 */
public final class SourceLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSourceRate;
    private final double perSourceBurst;
    private final double globalRate;
    private final double globalBurst;
    private final Bucket global;
    private final int maxSources;
    private final Map<Object, Bucket> sources = new HashMap<>();

    /**
     * @param perSourceRate  datagrams per second one address may send in the long run
     * @param perSourceBurst datagrams one address may send at once
     * @param globalRate     datagrams per second from all addresses together
     * @param globalBurst    datagrams from all addresses at once
     * @param maxSources     addresses remembered at most
     */
    public SourceLimiter(double perSourceRate, double perSourceBurst, double globalRate, double globalBurst,
                         int maxSources) {
        if (perSourceRate <= 0 || perSourceBurst < 1 || globalRate <= 0 || globalBurst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("rates must be positive, bursts at least 1, sources at least 1");
        }
        this.perSourceRate = perSourceRate;
        this.perSourceBurst = perSourceBurst;
        this.globalRate = globalRate;
        this.globalBurst = globalBurst;
        this.global = new Bucket(globalBurst, Long.MIN_VALUE);
        this.maxSources = maxSources;
    }

    /** Takes one token from {@code source}'s bucket and the global one; false (nothing taken) when either is empty. */
    public boolean allow(InetAddress source, long now) {
        return take(source, now);
    }

    /**
     * As {@link #allow(InetAddress, long)}, for messages whose sender is a proven node key rather than an address
     * (service messages arrive on routes, which hide the sender's address).
     */
    public boolean allow(io.skywire.node.identity.NodeId source, long now) {
        return take(source, now);
    }

    private boolean take(Object source, long now) {
        Bucket own = sources.get(source);
        if (own == null) {
            if (sources.size() >= maxSources) {
                forgetQuiet(now);
            }
            own = new Bucket(perSourceBurst, now);
            if (sources.size() < maxSources) {
                sources.put(source, own);
            }
        }
        own.refill(now, perSourceRate, perSourceBurst);
        global.refill(now, globalRate, globalBurst);
        if (own.tokens < 1 || global.tokens < 1) {
            return false;
        }
        own.tokens--;
        global.tokens--;
        return true;
    }

    /** Addresses currently remembered. */
    public int trackedSources() {
        return sources.size();
    }

    private void forgetQuiet(long now) {
        sources.values().removeIf(bucket -> {
            bucket.refill(now, perSourceRate, perSourceBurst);
            return bucket.tokens >= perSourceBurst;
        });
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double rate, double burst) {
            if (at == Long.MIN_VALUE) {
                at = now;
                return;
            }
            long elapsed = now - at;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + rate * elapsed / NANOS_PER_SECOND);
                at = now;
            }
        }
    }
}
