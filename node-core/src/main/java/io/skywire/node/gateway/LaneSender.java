package io.skywire.node.gateway;

import io.skywire.node.vpn.VpnCounter;
import io.skywire.node.vpn.VpnCounters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends packet frames on one IP-tunnel lane with a bound on what waits for the route: beyond {@link #MAX_QUEUED}
 * bytes a packet is dropped and counted, as a router drops it, instead of blocking the TUN reader (docs/PROTOCOL.md
 * 9.3). Any thread.
 */
final class LaneSender {

    /** Bytes a lane may have queued before packets for it are dropped. */
    static final long MAX_QUEUED = 2L << 20;

    private final TunnelPipe pipe;
    private final AtomicLong queued = new AtomicLong();

    LaneSender(TunnelPipe pipe) {
        this.pipe = pipe;
    }

    /** Queues {@code frame}; false (counted) when the lane is full. */
    boolean send(byte[] frame, VpnCounters counters) {
        if (queued.get() > MAX_QUEUED) {
            counters.increment(VpnCounter.DROPPED_QUEUE_FULL);
            return false;
        }
        queued.addAndGet(frame.length);
        pipe.send(frame).whenComplete((ok, error) -> queued.addAndGet(-frame.length));
        return true;
    }
}
