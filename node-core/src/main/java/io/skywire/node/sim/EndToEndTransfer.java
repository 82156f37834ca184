package io.skywire.node.sim;

import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.SendResult;
import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The baseline the design argues against: a transfer over a cut-through route whose only loss recovery
 * is at the ends. The origin sends numbered chunks at the link's pace and resends every chunk not
 * acknowledged within a timeout; the destination acknowledges with its in-order prefix and the chunks
 * it received most recently, over the same lossy hops.
 */
final class EndToEndTransfer {

    private static final int HEADER = 4;
    private static final int RECENT_ACKS = 64;

    private final Simulator simulator;
    private final SimNode origin;
    private final SimNode destination;
    private final long total;
    private final long seed;
    private final long timeoutNanos;
    private RouteHandle route;
    private RouteHandle backRoute;
    private int chunkData;
    private int chunks;
    private int nextNew;
    private final BitSet acked = new BitSet();
    /** Chunks sent and not yet known acknowledged, oldest send first: {chunk, sentAt}. */
    private final ArrayDeque<long[]> outstanding = new ArrayDeque<>();
    private final BitSet received = new BitSet();
    private final int[] recent = new int[RECENT_ACKS];
    private int recentCount;
    private boolean wakeScheduled;
    long retransmissions;
    long uniqueBytes;
    long inOrderBytes;
    boolean intact = true;
    long completedAt = -1;

    EndToEndTransfer(Simulator simulator, SimNode origin, SimNode destination, long totalBytes, long seed,
                     long timeoutNanos) {
        this.simulator = simulator;
        this.origin = origin;
        this.destination = destination;
        this.total = totalBytes;
        this.seed = seed;
        this.timeoutNanos = timeoutNanos;
    }

    void start(RouteHandle handle) {
        this.route = handle;
        origin.onEvent(this::onOriginEvent);
        destination.onEvent(this::onDestinationEvent);
    }

    boolean complete() {
        return completedAt >= 0;
    }

    private void onOriginEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteEstablished established && established.route().equals(route)) {
            chunkData = origin.engine().maxPayload(route) - HEADER;
            chunks = (int) ((total + chunkData - 1) / chunkData);
            pump();
        } else if (event instanceof NodeEvent.Writable) {
            pump();
        } else if (event instanceof NodeEvent.Delivered delivery) {
            onAck(delivery.payload());
        }
    }

    private void pump() {
        long now = simulator.now();
        while (true) {
            while (!outstanding.isEmpty() && acked.get((int) outstanding.peekFirst()[0])) {
                outstanding.pollFirst();
            }
            int chunk;
            boolean resend = !outstanding.isEmpty() && now - outstanding.peekFirst()[1] >= timeoutNanos;
            if (resend) {
                chunk = (int) outstanding.peekFirst()[0];
            } else if (nextNew < chunks) {
                chunk = nextNew;
            } else {
                scheduleWake();
                return;
            }
            if (origin.send(route, chunkPayload(chunk)) != SendResult.ACCEPTED) {
                return;
            }
            if (resend) {
                outstanding.pollFirst();
                retransmissions++;
            } else {
                nextNew++;
            }
            outstanding.addLast(new long[] {chunk, now});
        }
    }

    private void scheduleWake() {
        if (wakeScheduled || outstanding.isEmpty()) {
            return;
        }
        wakeScheduled = true;
        simulator.schedule(outstanding.peekFirst()[1] + timeoutNanos, () -> {
            wakeScheduled = false;
            pump();
        });
    }

    private byte[] chunkPayload(int chunk) {
        long position = (long) chunk * chunkData;
        int length = (int) Math.min(chunkData, total - position);
        byte[] payload = new byte[HEADER + length];
        payload[0] = (byte) (chunk >>> 24);
        payload[1] = (byte) (chunk >>> 16);
        payload[2] = (byte) (chunk >>> 8);
        payload[3] = (byte) chunk;
        TransferPattern.fill(payload, HEADER, length, position, seed);
        return payload;
    }

    private static int readInt(byte[] buf, int pos) {
        return ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
    }

    private void onAck(byte[] ack) {
        int prefix = readInt(ack, 0);
        acked.set(0, Math.min(prefix, chunks));
        for (int pos = 4; pos + 4 <= ack.length; pos += 4) {
            int chunk = readInt(ack, pos);
            if (chunk >= 0 && chunk < chunks) {
                acked.set(chunk);
            }
        }
        pump();
    }

    private void onDestinationEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteIncoming incoming) {
            backRoute = incoming.route();
        } else if (event instanceof NodeEvent.Delivered delivery) {
            onChunk(delivery.payload());
        }
    }

    private void onChunk(byte[] payload) {
        if (payload.length < HEADER) {
            intact = false;
            return;
        }
        int chunk = readInt(payload, 0);
        long position = (long) chunk * chunkData;
        int length = payload.length - HEADER;
        if (chunk < 0 || chunk >= chunks || !TransferPattern.matches(payload, HEADER, length, position, seed)) {
            intact = false;
            return;
        }
        if (!received.get(chunk)) {
            received.set(chunk);
            uniqueBytes += length;
            recent[recentCount++ % RECENT_ACKS] = chunk;
            int prefix = received.nextClearBit(0);
            inOrderBytes = Math.min(total, (long) prefix * chunkData);
            if (prefix >= chunks && completedAt < 0) {
                completedAt = simulator.now();
            }
        }
        sendAck();
    }

    private void sendAck() {
        int listed = Math.min(recentCount, RECENT_ACKS);
        byte[] ack = new byte[4 + 4 * listed];
        int prefix = received.nextClearBit(0);
        ack[0] = (byte) (prefix >>> 24);
        ack[1] = (byte) (prefix >>> 16);
        ack[2] = (byte) (prefix >>> 8);
        ack[3] = (byte) prefix;
        for (int i = 0; i < listed; i++) {
            int chunk = recent[(recentCount - 1 - i) % RECENT_ACKS];
            int pos = 4 + 4 * i;
            ack[pos] = (byte) (chunk >>> 24);
            ack[pos + 1] = (byte) (chunk >>> 16);
            ack[pos + 2] = (byte) (chunk >>> 8);
            ack[pos + 3] = (byte) chunk;
        }
        // A full return buffer just skips this acknowledgement; the next one repeats its content.
        destination.send(backRoute, ack);
    }
}
