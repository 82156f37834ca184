package io.skywire.node.vpn;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** A tunnel end's {@link VpnCounter}s: written from the packet threads, read from any thread. */
public final class VpnCounters {

    private final AtomicLongArray values = new AtomicLongArray(VpnCounter.values().length);

    public void increment(VpnCounter counter) {
        values.incrementAndGet(counter.ordinal());
    }

    public void add(VpnCounter counter, long amount) {
        values.addAndGet(counter.ordinal(), amount);
    }

    public long get(VpnCounter counter) {
        return values.get(counter.ordinal());
    }

    /** Every count, zeros included. */
    public Map<VpnCounter, Long> snapshot() {
        Map<VpnCounter, Long> copy = new EnumMap<>(VpnCounter.class);
        for (VpnCounter counter : VpnCounter.values()) {
            copy.put(counter, get(counter));
        }
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (VpnCounter counter : VpnCounter.values()) {
            long value = get(counter);
            if (value != 0) {
                out.append(out.length() > 1 ? ", " : "").append(counter).append('=').append(value);
            }
        }
        return out.append('}').toString();
    }
}
