package io.skywire.node.engine;

import java.util.LinkedHashSet;

/**
 * Per-sender buffer policy, receiving side of one link: the route payload bytes this node holds that arrived
 * from the link's neighbour (queued onwards, in flight to the next hop, or waiting for reordering), the legs
 * on which it has told that neighbour to stop, and the sequence numbers of its BLOCK and UNBLOCK frames.
 */
final class SenderBuffer {

    /** Bytes that arrived on this link and are still held here. */
    long held;
    /** The most this link's neighbour ever had held here at once. */
    long peakHeld;
    /** Legs (arriving on this link) whose sender this node has blocked, in the order they were blocked. */
    final LinkedHashSet<RouteLeg> blocked = new LinkedHashSet<>();
    private long lastSequence;

    /** The next BLOCK/UNBLOCK sequence number on this link: 1, 2, ... */
    long nextSequence() {
        return ++lastSequence;
    }

    void add(long bytes) {
        held += bytes;
        if (held > peakHeld) {
            peakHeld = held;
        }
    }

    /** Forgets a closed leg: its bytes are discarded with its route, and it is blocked no longer. */
    void forget(RouteLeg leg) {
        held -= leg.inHeld;
        leg.inHeld = 0;
        blocked.remove(leg);
        leg.blocking = false;
    }
}
