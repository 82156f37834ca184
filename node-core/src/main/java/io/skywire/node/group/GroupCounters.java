package io.skywire.node.group;

import java.util.EnumMap;
import java.util.Map;

/** One route group's counters; refused input is counted here, never thrown at the driver. */
public final class GroupCounters {

    private final long[] values = new long[GroupCounter.values().length];

    void increment(GroupCounter counter) {
        values[counter.ordinal()]++;
    }

    /** The current value of one counter. */
    public long get(GroupCounter counter) {
        return values[counter.ordinal()];
    }

    /** A copy of every counter. */
    public Map<GroupCounter, Long> snapshot() {
        Map<GroupCounter, Long> copy = new EnumMap<>(GroupCounter.class);
        for (GroupCounter counter : GroupCounter.values()) {
            copy.put(counter, values[counter.ordinal()]);
        }
        return copy;
    }
}
