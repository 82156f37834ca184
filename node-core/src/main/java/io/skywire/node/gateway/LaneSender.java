package io.skywire.node.gateway;

import io.skywire.node.vpn.VpnCounter;
import io.skywire.node.vpn.VpnCounters;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends packet frames on one IP-tunnel lane with a bound on what waits for the route: beyond {@link #MAX_QUEUED}
 * bytes a packet is dropped and counted, as a router drops it, instead of blocking the TUN reader (docs/PROTOCOL.md
 * 9.3). Frames read in one burst are gathered and handed to the route in one send (up to {@link #BATCH_BYTES}),
 * so a burst costs one task on the route's loop rather than one per packet. Called by the one TUN reader thread.
 */
final class LaneSender {

    /** Bytes a lane may have queued before packets for it are dropped. */
    static final long MAX_QUEUED = 2L << 20;

    /** Bytes gathered before they are sent even though the device has more packets. */
    static final int BATCH_BYTES = 64 << 10;

    private final TunnelPipe pipe;
    private final AtomicLong queued = new AtomicLong();
    private final java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream(BATCH_BYTES);

    LaneSender(TunnelPipe pipe) {
        this.pipe = pipe;
    }

    /** Gathers {@code frame} for the next send; false (counted) when the lane is full. */
    boolean send(byte[] frame, VpnCounters counters) {
        if (queued.get() + batch.size() > MAX_QUEUED) {
            counters.increment(VpnCounter.DROPPED_QUEUE_FULL);
            return false;
        }
        batch.writeBytes(frame);
        if (batch.size() >= BATCH_BYTES) {
            flush();
        }
        return true;
    }

    /** Hands what was gathered to the route. */
    void flush() {
        if (batch.size() == 0) {
            return;
        }
        byte[] bytes = batch.toByteArray();
        batch.reset();
        queued.addAndGet(bytes.length);
        pipe.send(bytes).whenComplete((ok, error) -> queued.addAndGet(-bytes.length));
    }
}
