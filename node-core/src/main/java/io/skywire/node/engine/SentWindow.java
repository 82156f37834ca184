package io.skywire.node.engine;

/**
 * The unsettled sent packets of a link, indexed by packet number in a ring so that acknowledgement lookup
 * is O(1); packets that needed no acknowledgement leave an empty slot.
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
        SentPacket packet = ring[(int) ((head + index) & (ring.length - 1))];
        return packet == null || packet.settled ? null : packet;
    }

    /** Marks a packet settled (acknowledged or declared lost) and drops settled slots from the front. */
    void settle(SentPacket packet) {
        packet.settled = true;
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
        SentPacket packet = ring[(head + i) & (ring.length - 1)];
        return packet == null || packet.settled ? null : packet;
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
            SentPacket front = ring[head];
            if (front != null && !front.settled) {
                return;
            }
            ring[head] = null;
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
