package io.skywire.node.engine;

import java.util.ArrayDeque;
import java.util.TreeMap;

/**
 * One side of a route at this node: the link to one neighbour, the id that neighbour uses to reach this
 * node, the id this node uses to reach it, the receive state (reassembly, credit advertised) for what
 * the neighbour sends, and the send state (queue, credit granted) for what this node sends it.
 */
final class RouteLeg {

    final Route route;
    final LinkState link;
    final long myHi;
    final long myLo;
    long peerHi;
    long peerLo;
    boolean peerKnown;
    boolean closed;

    // Receiving from the neighbour.
    long receiveNext;
    long advertisedLimit;
    long freed;
    TreeMap<Long, byte[]> reorder;
    long reorderBytes;
    boolean creditQueued;

    // Sending to the neighbour.
    final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>();
    long enqueueOffset;
    long peerLimit;
    long heldBytes;
    boolean inRing;

    // Per-sender buffer policy (BlockControl); perSender is fixed when the leg is made.
    boolean perSender;
    /** Receiving: payload bytes from this neighbour on this leg held here; whether this node has blocked it. */
    long inHeld;
    boolean blocking;
    long blockSentAt;
    /** Sending: whether the neighbour has blocked this leg, since when, and the newest sequence obeyed. */
    boolean peerBlocked;
    long peerBlockedAt;
    long blockSequenceSeen;

    RouteLeg(Route route, LinkState link, long myHi, long myLo) {
        this.route = route;
        this.link = link;
        this.myHi = myHi;
        this.myLo = myLo;
        this.advertisedLimit = route.bufferBytes;
        this.peerLimit = route.bufferBytes;
    }

    void setPeer(long hi, long lo) {
        peerHi = hi;
        peerLo = lo;
        peerKnown = true;
    }

    RouteId peerId() {
        return new RouteId(peerHi, peerLo);
    }

    /** True when the head of the queue may go out now: the peer id is known and it fits the credit (or is not blocked). */
    boolean sendable() {
        if (closed || !peerKnown || queue.isEmpty()) {
            return false;
        }
        QueuedMessage head = queue.peekFirst();
        // A paid route's payloads wait at a transit hop once they would exceed what its payments cover.
        if (route.payment != null && !route.payment.mayForward(head.payload.length)) {
            return false;
        }
        if (route.cutThrough()) {
            return true;
        }
        return perSender ? !peerBlocked : head.offset + head.payload.length <= peerLimit;
    }
}
