package io.skywire.node.discovery;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts by reason, so that every refused record or message shows up somewhere an operator (or a test) can read
 * it; refusals are counted, never thrown past the state machine.
 *
 * @param <E> the reasons
 */
public final class EnumCounters<E extends Enum<E>> {

    private final Class<E> type;
    private final long[] values;

    public EnumCounters(Class<E> type) {
        this.type = type;
        this.values = new long[type.getEnumConstants().length];
    }

    /** Adds one to {@code reason}. */
    public void increment(E reason) {
        values[reason.ordinal()]++;
    }

    /** Adds {@code amount} to {@code reason}. */
    public void add(E reason, long amount) {
        values[reason.ordinal()] += amount;
    }

    /** The current count of one reason. */
    public long get(E reason) {
        return values[reason.ordinal()];
    }

    /** The sum over every reason. */
    public long total() {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }

    /** A copy of every count, zeros included. */
    public Map<E, Long> snapshot() {
        Map<E, Long> copy = new EnumMap<>(type);
        for (E reason : type.getEnumConstants()) {
            copy.put(reason, values[reason.ordinal()]);
        }
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (E reason : type.getEnumConstants()) {
            if (values[reason.ordinal()] != 0) {
                out.append(out.length() > 1 ? ", " : "").append(reason).append('=').append(values[reason.ordinal()]);
            }
        }
        return out.append('}').toString();
    }
}
