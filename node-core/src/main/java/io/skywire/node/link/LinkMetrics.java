package io.skywire.node.link;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters shared by all stream links of a node: established links, breaches by kind, I/O errors. */
public final class LinkMetrics {

    private final LongAdder established = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();
    private final Map<LinkBreach, LongAdder> breaches = new EnumMap<>(LinkBreach.class);

    public LinkMetrics() {
        for (LinkBreach breach : LinkBreach.values()) {
            breaches.put(breach, new LongAdder());
        }
    }

    void recordEstablished() {
        established.increment();
    }

    void recordBreach(LinkBreach breach) {
        breaches.get(breach).increment();
    }

    void recordIoError() {
        ioErrors.increment();
    }

    /** Links that completed their handshake. */
    public long established() {
        return established.sum();
    }

    /** Links closed for one kind of breach. */
    public long breaches(LinkBreach breach) {
        return breaches.get(breach).sum();
    }

    /** Links closed for any breach. */
    public long totalBreaches() {
        return breaches.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Links closed by routine I/O errors (reset by peer and the like). */
    public long ioErrors() {
        return ioErrors.sum();
    }
}
