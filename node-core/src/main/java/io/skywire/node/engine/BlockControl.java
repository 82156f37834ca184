package io.skywire.node.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The per-sender buffer policy (docs/PROTOCOL.md 2.8). Receiving side: every payload kept here is charged to
 * the leg it arrived on and to that link's {@link SenderBuffer}; when the leg holds its route's buffer, or the
 * sender's buffer reaches its high-water mark, the sender is told to stop that route (BLOCK), and told to go on
 * (UNBLOCK) once both are at half or less. Sending side: a blocked leg sends nothing until UNBLOCK, or until the
 * block lapses for want of repetition. Both frames travel as ordinary control frames, so a lost one is resent
 * with its datagram's other frames; their per-link sequence numbers let the sender ignore late resends.
 */
final class BlockControl {

    private final EngineState state;
    /** Legs this node may not send on because their receiver blocked them, in the order they were blocked. */
    private final LinkedHashSet<RouteLeg> heeded = new LinkedHashSet<>();

    BlockControl(EngineState state) {
        this.state = state;
    }

    private BufferSettings settings() {
        return state.config.buffers();
    }

    /** The most bytes {@code link}'s neighbour may have held here; beyond it its payloads are refused. */
    long hardLimit(LinkState link) {
        return settings().hardLimitBytes(state.config.maxInFlightPackets(), link.mtu);
    }

    /** Whether {@code length} more bytes from {@code leg}'s sender fit under its hard limit. */
    boolean admits(RouteLeg leg, int length) {
        return leg.link.inbound.held + length <= hardLimit(leg.link);
    }

    /** Charges {@code bytes} just kept from {@code leg}'s sender, and blocks the route if it or the sender is full. */
    void arrived(long now, RouteLeg leg, int bytes) {
        if (leg.route.cutThrough()) {
            return;
        }
        SenderBuffer sender = leg.link.inbound;
        leg.inHeld += bytes;
        sender.add(bytes);
        if (!leg.blocking && (leg.inHeld >= leg.route.bufferBytes || sender.held >= settings().senderBufferBytes())) {
            leg.blocking = true;
            sender.blocked.add(leg);
            send(now, leg, true);
        }
    }

    /** Releases {@code bytes} from {@code leg}'s sender (forwarded and acknowledged, or delivered here). */
    void left(long now, RouteLeg leg, int bytes) {
        if (leg.route.cutThrough() || leg.closed) {
            return;
        }
        SenderBuffer sender = leg.link.inbound;
        long low = settings().senderBufferBytes() / 2;
        boolean wasAboveLow = sender.held > low;
        leg.inHeld -= bytes;
        sender.held -= bytes;
        if (sender.held > low) {
            return;
        }
        if (wasAboveLow) {
            // The sender's buffer just drained to its low-water mark: every route blocked for it may go on.
            for (Iterator<RouteLeg> it = sender.blocked.iterator(); it.hasNext(); ) {
                RouteLeg blocked = it.next();
                if (blocked.inHeld <= blocked.route.bufferBytes / 2) {
                    it.remove();
                    unblock(now, blocked);
                }
            }
        } else if (leg.blocking && leg.inHeld <= leg.route.bufferBytes / 2) {
            sender.blocked.remove(leg);
            unblock(now, leg);
        }
    }

    private void unblock(long now, RouteLeg leg) {
        leg.blocking = false;
        send(now, leg, false);
    }

    private void send(long now, RouteLeg leg, boolean block) {
        leg.blockSentAt = now;
        if (!leg.peerKnown) {
            // Nothing can have arrived on a leg whose peer id is unknown; the sweep sends it once it is known.
            return;
        }
        leg.link.sendControl(new Frame.Block(leg.peerId(), block, leg.link.inbound.nextSequence()));
        state.counters.increment(block ? Counter.BLOCKS_SENT : Counter.UNBLOCKS_SENT);
    }

    /** A BLOCK or UNBLOCK from the neighbour that receives what this node sends on {@code leg}. */
    void onBlock(long now, RouteLeg leg, Frame.Block frame) {
        if (!settings().perSender()) {
            state.counters.increment(Counter.FRAMES_POLICY_MISMATCH);
            return;
        }
        if (frame.sequence() <= leg.blockSequenceSeen) {
            state.counters.increment(Counter.BLOCKS_STALE);
            return;
        }
        leg.blockSequenceSeen = frame.sequence();
        leg.route.lastActivity = now;
        if (frame.block()) {
            state.counters.increment(Counter.BLOCKS_RECEIVED);
            leg.peerBlocked = true;
            leg.peerBlockedAt = now;
            heeded.add(leg);
            return;
        }
        state.counters.increment(Counter.UNBLOCKS_RECEIVED);
        leg.peerBlocked = false;
        heeded.remove(leg);
        leg.link.schedule(leg);
    }

    /**
     * Once per housekeeping period: lapses the blocks on this node's legs that their receivers did not repeat
     * within the timeout, and repeats this node's own blocks that are a third of the timeout old.
     */
    void sweep(long now) {
        long timeout = settings().blockTimeoutNanos();
        List<RouteLeg> lapsed = new ArrayList<>();
        for (RouteLeg leg : heeded) {
            if (leg.closed || now - leg.peerBlockedAt >= timeout) {
                lapsed.add(leg);
            }
        }
        for (RouteLeg leg : lapsed) {
            heeded.remove(leg);
            if (!leg.closed) {
                state.counters.increment(Counter.BLOCKS_EXPIRED);
                leg.peerBlocked = false;
                leg.link.schedule(leg);
            }
        }
        long low = settings().senderBufferBytes() / 2;
        for (LinkState link : state.linkArray()) {
            SenderBuffer sender = link.inbound;
            for (Iterator<RouteLeg> it = sender.blocked.iterator(); it.hasNext(); ) {
                RouteLeg leg = it.next();
                if (sender.held <= low && leg.inHeld <= leg.route.bufferBytes / 2) {
                    // Drained without a release on this leg, as when another route's close freed the buffer.
                    it.remove();
                    unblock(now, leg);
                } else if (now - leg.blockSentAt >= timeout / 3) {
                    send(now, leg, true);
                }
            }
        }
    }
}
