package io.skywire.node.limit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Token buckets per source plus one for all sources together, so that one flooding source costs at most its own
 * small share and many sources together at most the global rate. A source is any key with value equality: a sender
 * address for discovery datagrams (which are limited before they are decoded, so a flood costs no signature check),
 * a proven node key for service messages (routes hide the sender's address). Sans-I/O: the caller passes now, in
 * nanoseconds of any monotonic clock; not thread-safe.
 *
 * <p>The rules, the stricter of the two limiters this one replaced wherever they differed:
 * <ul>
 *   <li>A message passes only when its source's bucket and the global bucket each hold a whole token, and then takes
 *   one from each; a refused message takes nothing, so the sources whose buckets are not full are exactly those
 *   with messages passed lately, at most {@code globalBurst + globalRate * perSourceBurst / perSourceRate}.</li>
 *   <li>The table of sources is bounded. A new source when it is full first forgets every source whose bucket has
 *   refilled completely, which loses nothing (a new source starts with a full bucket too); only when none has is the
 *   least recently heard source forgotten, and then it starts again from a full bucket (the global bucket still
 *   bounds the total). A new source is always tracked, so no source escapes its own bucket.</li>
 *   <li>A sweep that freed under a sixteenth of the table is not repeated until a bucket could have refilled from
 *   empty (meanwhile the least recently heard source makes room), so a flood from fresh sources costs bounded work
 *   per message: a sweep of the table at most once per sixteenth of it.</li>
 * </ul>
 *
 * @param <K> what identifies a source
 */
public final class SourceLimiter<K> {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSourceRate;
    private final double perSourceBurst;
    private final double globalRate;
    private final double globalBurst;
    private final int maxSources;
    private final long refillNanos;
    private final Bucket global;
    /** In access order: the first entry is the least recently heard source. */
    private final LinkedHashMap<K, Bucket> sources = new LinkedHashMap<>(16, 0.75f, true);
    private long noSweepBefore = Long.MIN_VALUE;

    /**
     * @param perSourceRate  messages per second one source may send in the long run
     * @param perSourceBurst messages one source may send at once (at least 1)
     * @param globalRate     messages per second from all sources together
     * @param globalBurst    messages from all sources at once (at least 1)
     * @param maxSources     sources remembered at most
     */
    public SourceLimiter(double perSourceRate, double perSourceBurst, double globalRate, double globalBurst,
                         int maxSources) {
        if (!(perSourceRate > 0) || !(perSourceBurst >= 1) || !(globalRate > 0) || !(globalBurst >= 1)
                || maxSources < 1) {
            throw new IllegalArgumentException("rates must be positive, bursts at least 1, sources at least 1");
        }
        this.perSourceRate = perSourceRate;
        this.perSourceBurst = perSourceBurst;
        this.globalRate = globalRate;
        this.globalBurst = globalBurst;
        this.maxSources = maxSources;
        this.refillNanos = (long) Math.ceil(perSourceBurst / perSourceRate * NANOS_PER_SECOND);
        this.global = new Bucket(globalBurst, Long.MIN_VALUE);
    }

    /** Takes one token from {@code source}'s bucket and the global one; false (nothing taken) when either is empty. */
    public boolean allow(K source, long now) {
        Objects.requireNonNull(source, "source");
        Bucket own = sources.get(source);
        if (own == null) {
            if (sources.size() >= maxSources) {
                makeRoom(now);
            }
            own = new Bucket(perSourceBurst, now);
            sources.put(source, own);
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

    /** Sources currently remembered. */
    public int trackedSources() {
        return sources.size();
    }

    private void makeRoom(long now) {
        if (noSweepBefore == Long.MIN_VALUE || now - noSweepBefore >= 0) {
            int before = sources.size();
            sources.values().removeIf(bucket -> {
                bucket.refill(now, perSourceRate, perSourceBurst);
                return bucket.tokens >= perSourceBurst;
            });
            if (before - sources.size() < Math.max(1, maxSources / 16)) {
                noSweepBefore = now + refillNanos; // little to gain from sweeping again soon
            }
            if (sources.size() < maxSources) {
                return;
            }
        }
        Iterator<Map.Entry<K, Bucket>> eldest = sources.entrySet().iterator();
        eldest.next();
        eldest.remove();
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
