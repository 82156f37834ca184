package io.skywire.node.discovery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per source address, plus one shared by all sources, so a flood from one address (or from many)
 * costs a bounded amount of work. The per-address table is bounded too: the least recently heard address is
 * forgotten first, and a flood from fresh addresses is then held back by the shared bucket.
 */
final class SourceRateLimiter {

    private static final double NANOS = 1e9;

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        boolean take(long now, double perSecond, double burst) {
            if (now > lastNanos) {
                tokens = Math.min(burst, tokens + (now - lastNanos) / NANOS * perSecond);
                lastNanos = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private final double perSecond;
    private final double burst;
    private final double globalPerSecond;
    private final Bucket global;
    private final Map<TransportAddress, Bucket> sources;

    SourceRateLimiter(double perSecond, int burst, double globalPerSecond, int maxSources) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.globalPerSecond = globalPerSecond;
        this.global = new Bucket(globalPerSecond, Long.MIN_VALUE);
        this.sources = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<TransportAddress, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes a token for one message from {@code source}; false when it must be dropped. */
    boolean allow(TransportAddress source, long now) {
        if (global.lastNanos == Long.MIN_VALUE) {
            global.lastNanos = now;
        }
        Bucket bucket = sources.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            sources.put(source, bucket);
        }
        return bucket.take(now, perSecond, burst) && global.take(now, globalPerSecond, globalPerSecond);
    }
}
