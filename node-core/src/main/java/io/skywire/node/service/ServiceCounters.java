package io.skywire.node.service;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Thread-safe counts by {@link ServiceCounter}: the event loop and the services' threads both add to them. */
public final class ServiceCounters {

    private final AtomicLongArray values = new AtomicLongArray(ServiceCounter.values().length);

    public void increment(ServiceCounter counter) {
        values.incrementAndGet(counter.ordinal());
    }

    public long get(ServiceCounter counter) {
        return values.get(counter.ordinal());
    }

    /** Every non-zero count. */
    public Map<ServiceCounter, Long> snapshot() {
        Map<ServiceCounter, Long> out = new EnumMap<>(ServiceCounter.class);
        for (ServiceCounter counter : ServiceCounter.values()) {
            long value = get(counter);
            if (value != 0) {
                out.put(counter, value);
            }
        }
        return out;
    }
}
