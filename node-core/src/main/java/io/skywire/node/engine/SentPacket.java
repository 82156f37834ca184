package io.skywire.node.engine;

import java.util.ArrayList;
import java.util.List;

/** One sent ack-eliciting datagram and what it carried that must be resent or released when its fate is known. */
final class SentPacket {

    final long packetNumber;
    final long sentAt;
    /** {@link QueuedMessage}s, control {@link Frame}s, and {@link RouteLeg}s whose credit it advertised. */
    final List<Object> items;
    boolean settled;

    SentPacket(long packetNumber, long sentAt, List<Object> items) {
        this.packetNumber = packetNumber;
        this.sentAt = sentAt;
        this.items = items;
    }

    static List<Object> newItems() {
        return new ArrayList<>(4);
    }
}
