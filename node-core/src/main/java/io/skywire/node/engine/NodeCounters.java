package io.skywire.node.engine;

import java.util.EnumMap;
import java.util.Map;

/** Per-node counters of traffic and refused input; refused input is counted here, never thrown. */
public final class NodeCounters {

    private final long[] values = new long[Counter.values().length];

    void increment(Counter counter) {
        values[counter.ordinal()]++;
    }

    void add(Counter counter, long amount) {
        values[counter.ordinal()] += amount;
    }

    /** The current value of one counter. */
    public long get(Counter counter) {
        return values[counter.ordinal()];
    }

    /** A copy of every counter. */
    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> copy = new EnumMap<>(Counter.class);
        for (Counter counter : Counter.values()) {
            copy.put(counter, values[counter.ordinal()]);
        }
        return copy;
    }
}
