package io.skywire.node.engine;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.CryptoException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Route payloads: end-to-end sealing at the ends, per-hop reassembly in offset order, forwarding within
 * the next hop's credit, and credit given back upstream as the next hop acknowledges what it received; under
 * the per-sender buffer policy, {@link BlockControl} blocks and unblocks the upstream sender instead of credit.
 */
final class DataPlane implements LinkState.Releaser {

    /** Bytes end-to-end sealing adds to a payload: the 64-bit counter and the tag. */
    static final int E2E_OVERHEAD = 8 + Aead.TAG_BYTES;

    private final EngineState state;
    private final byte[] nonce = new byte[Aead.NONCE_BYTES];
    private final BlockControl blocks;

    DataPlane(EngineState state) {
        this.state = state;
        this.blocks = new BlockControl(state);
    }

    int maxPayload(Route route) {
        return route.endLeg().link.maxDataPayload() - E2E_OVERHEAD;
    }

    /** Whether {@link #send} would accept a payload of {@code length} bytes on this route end now. */
    boolean canAccept(Route route, int length) {
        return !route.closed && route.established
                && route.endLeg().heldBytes + length + E2E_OVERHEAD <= route.bufferBytes;
    }

    SendResult send(long now, Route route, byte[] payload) {
        if (route.closed) {
            return SendResult.CLOSED;
        }
        if (!route.established) {
            return SendResult.NOT_ESTABLISHED;
        }
        if (payload.length > maxPayload(route)) {
            return SendResult.TOO_LARGE;
        }
        RouteLeg leg = route.endLeg();
        int sealedLength = payload.length + E2E_OVERHEAD;
        if (leg.heldBytes + sealedLength > route.bufferBytes) {
            route.blocked = true;
            return SendResult.WOULD_BLOCK;
        }
        byte[] sealed = new byte[sealedLength];
        long counter = route.sendCounter++;
        DatagramCodec.putLong(sealed, 0, counter);
        DatagramCodec.putLong(nonce, 4, counter);
        state.aead.seal(route.sendKey, nonce, null, payload, 0, payload.length, sealed, 8);
        route.lastSent = now;
        route.sealedSent += sealedLength;
        enqueue(leg, null, sealed);
        return SendResult.ACCEPTED;
    }

    private void enqueue(RouteLeg out, RouteLeg source, byte[] payload) {
        QueuedMessage message = new QueuedMessage(out, source, payload, out.enqueueOffset);
        out.enqueueOffset += payload.length;
        out.queue.addLast(message);
        out.heldBytes += payload.length;
        state.addBuffered(payload.length);
        out.link.schedule(out);
    }

    /** A DATA frame's payload, {@code length} bytes of {@code buf} from {@code at}; copied only if it is kept. */
    void onData(long now, RouteLeg leg, long offset, byte[] buf, int at, int length) {
        Route route = leg.route;
        route.lastActivity = now;
        if (route.cutThrough()) {
            accept(now, leg, buf, at, length, false);
            return;
        }
        long end = offset + length;
        if (end < 0 || (!leg.perSender && end > leg.advertisedLimit)) {
            state.counters.increment(Counter.DATA_OVER_CREDIT);
            return;
        }
        if (offset < leg.receiveNext) {
            state.counters.increment(Counter.DATA_DUPLICATE);
            return;
        }
        if (leg.perSender && !blocks.admits(leg, length)) {
            // Only a sender that goes on after BLOCK gets here; the route loses these bytes.
            state.counters.increment(Counter.DATA_OVER_BUFFER);
            return;
        }
        if (offset > leg.receiveNext) {
            holdOutOfOrder(now, leg, offset, buf, at, length);
            return;
        }
        leg.receiveNext = end;
        accept(now, leg, buf, at, length, false);
        drainReorder(now, leg);
    }

    private void holdOutOfOrder(long now, RouteLeg leg, long offset, byte[] buf, int at, int length) {
        if (leg.reorder == null) {
            leg.reorder = new TreeMap<>();
        }
        if (leg.reorder.containsKey(offset)) {
            state.counters.increment(Counter.DATA_DUPLICATE);
            return;
        }
        if (!leg.perSender && leg.reorderBytes + length > leg.route.bufferBytes) {
            // Only overlapping (hostile) offsets can get here: honest ones stay inside the credit window. Under the
            // per-sender policy the sender's hard limit (checked before) bounds them instead.
            state.counters.increment(Counter.DATA_REORDER_OVERFLOW);
            return;
        }
        byte[] payload = Arrays.copyOfRange(buf, at, at + length);
        leg.reorder.put(offset, payload);
        leg.reorderBytes += payload.length;
        state.addBuffered(payload.length);
        if (leg.perSender) {
            blocks.arrived(now, leg, payload.length);
        }
    }

    private void drainReorder(long now, RouteLeg leg) {
        while (leg.reorder != null && !leg.reorder.isEmpty() && !leg.closed) {
            Map.Entry<Long, byte[]> first = leg.reorder.firstEntry();
            long offset = first.getKey();
            if (offset > leg.receiveNext) {
                return;
            }
            byte[] payload = first.getValue();
            leg.reorder.pollFirstEntry();
            leg.reorderBytes -= payload.length;
            state.addBuffered(-payload.length);
            if (offset < leg.receiveNext) {
                state.counters.increment(Counter.DATA_DUPLICATE);
                if (leg.perSender) {
                    blocks.left(now, leg, payload.length);
                }
                continue;
            }
            leg.receiveNext += payload.length;
            accept(now, leg, payload, 0, payload.length, true);
        }
    }

    /**
     * Delivers an in-order payload at the route's end, or queues it to the next hop; {@code owned} says that
     * {@code buf} is exactly the payload and may be kept, otherwise a copy is queued.
     */
    private void accept(long now, RouteLeg leg, byte[] buf, int at, int length, boolean owned) {
        Route route = leg.route;
        RouteLeg out = route.other(leg);
        if (out == null) {
            deliver(route, buf, at, length);
            // Per-sender: only payloads that waited for reordering were charged to their sender.
            if (!leg.perSender || owned) {
                free(now, leg, length);
            }
            return;
        }
        if (route.cutThrough() && out.heldBytes + length > route.bufferBytes) {
            state.counters.increment(Counter.CUT_THROUGH_DROPPED);
            return;
        }
        if (leg.perSender && !owned) {
            // Payloads from the reorder buffer were charged to their sender when they were held.
            blocks.arrived(now, leg, length);
        }
        enqueue(out, leg, owned ? buf : Arrays.copyOfRange(buf, at, at + length));
    }

    private void deliver(Route route, byte[] buf, int at, int length) {
        if (length < E2E_OVERHEAD) {
            state.counters.increment(Counter.E2E_AUTH_FAILED);
            return;
        }
        long counter = DatagramCodec.getLong(buf, at);
        DatagramCodec.putLong(nonce, 4, counter);
        byte[] plain = new byte[length - E2E_OVERHEAD];
        try {
            state.aead.open(route.receiveKey, nonce, null, buf, at + 8, length - 8, plain, 0);
        } catch (CryptoException e) {
            state.counters.increment(Counter.E2E_AUTH_FAILED);
            return;
        }
        route.bytesReceived += plain.length;
        route.sealedReceived += length;
        if (route.carrier != null) {
            // Link datagrams: the engine parses them once this input is handled, never inside it.
            route.carrier.inbound.addLast(plain);
            return;
        }
        state.emit(new NodeEvent.Delivered(route.handle, plain));
    }

    /**
     * Gives buffer space back to the neighbour that sent on {@code leg}: credit in steps of an eighth of the
     * buffer, or under the per-sender policy its share of the sender's buffer (which may unblock it).
     */
    private void free(long now, RouteLeg leg, int bytes) {
        if (leg.route.cutThrough() || leg.closed) {
            return;
        }
        if (leg.perSender) {
            blocks.left(now, leg, bytes);
            return;
        }
        leg.freed += bytes;
        long limit = leg.freed + leg.route.bufferBytes;
        if (limit - leg.advertisedLimit >= leg.route.bufferBytes / 8) {
            leg.advertisedLimit = limit;
            leg.link.queueCredit(leg);
        }
    }

    void onCredit(long now, RouteLeg leg, long limit) {
        if (leg.perSender) {
            state.counters.increment(Counter.FRAMES_POLICY_MISMATCH);
            return;
        }
        leg.route.lastActivity = now;
        if (leg.route.cutThrough() || limit <= leg.peerLimit) {
            state.counters.increment(Counter.CREDIT_STALE);
            return;
        }
        // The peer can have freed at most what it was sent, so more than that plus its buffer is a lie.
        if (limit > leg.enqueueOffset + leg.route.bufferBytes) {
            state.counters.increment(Counter.CREDIT_OVERFLOW);
            return;
        }
        leg.peerLimit = limit;
        leg.link.schedule(leg);
    }

    @Override
    public void released(QueuedMessage message, long now) {
        RouteLeg leg = message.leg;
        if (leg.closed) {
            return;
        }
        int length = message.payload.length;
        leg.heldBytes -= length;
        state.addBuffered(-length);
        Route route = leg.route;
        if (message.source != null) {
            route.bytesForwarded += length;
            state.counters.add(Counter.BYTES_FORWARDED, length);
            state.counters.increment(Counter.PAYLOADS_FORWARDED);
            free(now, message.source, length);
            return;
        }
        route.bytesSent += length;
        if (route.blocked && leg.heldBytes <= route.bufferBytes / 2) {
            route.blocked = false;
            state.emit(new NodeEvent.Writable(route.handle));
        }
    }

    /** A BLOCK or UNBLOCK for what this node sends on {@code leg}. */
    void onBlock(long now, RouteLeg leg, Frame.Block frame) {
        blocks.onBlock(now, leg, frame);
    }

    /** Housekeeping of the per-sender policy: lapses stale blocks on this node, repeats its own. */
    void sweepBlocks(long now) {
        if (state.config.buffers().perSender()) {
            blocks.sweep(now);
        }
    }
}
