package io.skywire.node.engine;

/**
 * The unsettled sent packets of a link, indexed by packet number in a ring so that acknowledgement lookup
 * is O(1); packets that needed no acknowledgement, and settled ones, leave an empty slot, so a lookup of a
 * settled packet (every ACK repeats 256 packet numbers) reads the ring only, not the packet.
 */
final class SentWindow {

    private SentPacket[] ring = new SentPacket[256];
    private int head;
    private int size;
    /** Packet number of the slot at {@code head}. */
    private long base;
    private int unsettled;

    /** Appends the slot for packet number {@code base + size}; {@code packet} is null for an ack-only datagram. */
    void append(long packetNumber, SentPacket packet) {
        if (size == 0) {
            base = packetNumber;
            head = 0;
        }
        if (packetNumber != base + size) {
            throw new IllegalStateException("packet numbers must be consecutive");
        }
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = packet;
        size++;
        if (packet != null) {
            unsettled++;
        }
        trim();
    }

    /** The unsettled packet with this number, or null. */
    SentPacket get(long packetNumber) {
        long index = packetNumber - base;
        if (index < 0 || index >= size) {
            return null;
        }
        return ring[(int) ((head + index) & (ring.length - 1))];
    }

    /** The lowest packet number still tracked (every lower one is settled), or -1 when none is. */
    long lowestTracked() {
        return size == 0 ? -1 : base;
    }

    /** Marks a packet settled (acknowledged or declared lost) and drops settled slots from the front. */
    void settle(SentPacket packet) {
        ring[(int) ((head + packet.packetNumber - base) & (ring.length - 1))] = null;
        unsettled--;
        trim();
    }

    int unsettled() {
        return unsettled;
    }

    /** The oldest unsettled packet, or null. */
    SentPacket oldest() {
        trim();
        return size == 0 ? null : ring[head];
    }

    /** Unsettled packet at position i from the front (0-based), or null; i ranges over {@link #span}. */
    SentPacket at(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    int span() {
        return size;
    }

    void clear() {
        java.util.Arrays.fill(ring, null);
        size = 0;
        unsettled = 0;
    }

    private void trim() {
        while (size > 0) {
            if (ring[head] != null) {
                return;
            }
            head = (head + 1) & (ring.length - 1);
            base++;
            size--;
        }
    }

    private void grow() {
        SentPacket[] bigger = new SentPacket[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
