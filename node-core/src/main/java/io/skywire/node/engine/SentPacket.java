package io.skywire.node.engine;

/** One sent ack-eliciting datagram and what it carried that must be resent or released when its fate is known. */
final class SentPacket {

    final long packetNumber;
    final long sentAt;
    /** {@link QueuedMessage}s, control {@link Frame}s, and {@link RouteLeg}s whose credit it advertised. */
    final Object[] items;

    SentPacket(long packetNumber, long sentAt, Object[] items) {
        this.packetNumber = packetNumber;
        this.sentAt = sentAt;
        this.items = items;
    }
}
