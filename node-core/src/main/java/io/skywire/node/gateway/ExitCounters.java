package io.skywire.node.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** A gateway's {@link ExitCounter}s: written on the exit loop, read from any thread. */
public final class ExitCounters {

    private final AtomicLongArray values = new AtomicLongArray(ExitCounter.values().length);

    void increment(ExitCounter counter) {
        values.incrementAndGet(counter.ordinal());
    }

    public long get(ExitCounter counter) {
        return values.get(counter.ordinal());
    }

    public Map<ExitCounter, Long> snapshot() {
        Map<ExitCounter, Long> copy = new EnumMap<>(ExitCounter.class);
        for (ExitCounter counter : ExitCounter.values()) {
            copy.put(counter, get(counter));
        }
        return copy;
    }
}
