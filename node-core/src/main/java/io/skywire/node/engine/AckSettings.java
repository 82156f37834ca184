package io.skywire.node.engine;

/**
 * When a node acknowledges the ack-eliciting datagrams it receives on a link (docs/PROTOCOL.md 2.2, ACK).
 * Acknowledging every datagram at once is the simplest and what the simulator shows; on real sockets an
 * ACK-only datagram costs nearly what a full one does (a seal, a system call, a wake-up and an open at the
 * sender), and a forwarding hop sent about one for every datagram it received. Delayed, an ACK goes with the next
 * datagram the node sends anyway, or alone once {@code everyDatagrams} are unacknowledged, once
 * {@code maxDelayNanos} have passed since the first of them, or at once for a duplicate or a gap (the sender needs
 * to hear of a loss soon). The ACK's delay field tells the sender how long it waited, so RTT samples stay true.
 *
 * @param everyDatagrams ack-eliciting datagrams received before an ACK goes alone (1: every one at once)
 * @param maxDelayNanos  the longest an ACK waits for company after the first datagram it acknowledges (0 with 1)
 */
public record AckSettings(int everyDatagrams, long maxDelayNanos) {

    /** Acknowledge every ack-eliciting datagram at once: the engine's default and the simulator's behaviour. */
    public static final AckSettings IMMEDIATE = new AckSettings(1, 0);

    public AckSettings {
        if (everyDatagrams < 1 || everyDatagrams > 16) {
            throw new IllegalArgumentException("everyDatagrams must be 1..16, was " + everyDatagrams);
        }
        if (maxDelayNanos < 0 || maxDelayNanos > 25_000_000L) {
            throw new IllegalArgumentException("maxDelayNanos must be 0..25 ms, was " + maxDelayNanos);
        }
        if ((everyDatagrams == 1) != (maxDelayNanos == 0)) {
            throw new IllegalArgumentException("an ACK that waits needs both a count above 1 and a delay");
        }
    }

    /** Whether ACKs may wait for company at all. */
    public boolean delayed() {
        return everyDatagrams > 1;
    }
}
