package io.skywire.node.runtime;

/**
 * Faults the UDP driver injects itself, for tests on a kernel without netem: each datagram is dropped with
 * the given probability as it is sent or as it arrives, and held for {@code delayMillis} before it is sent.
 *
 * @param dropOnSend    probability in [0, 1) of dropping an outgoing datagram
 * @param dropOnReceive probability in [0, 1) of dropping an incoming datagram
 * @param delayMillis   extra one-way delay added to every outgoing datagram, 0 for none
 * @param seed          seed of the drop decisions
 */
public record UdpFaults(double dropOnSend, double dropOnReceive, int delayMillis, long seed) {

    /** No injected faults. */
    public static final UdpFaults NONE = new UdpFaults(0, 0, 0, 0);

    public UdpFaults {
        if (!(dropOnSend >= 0 && dropOnSend < 1) || !(dropOnReceive >= 0 && dropOnReceive < 1)) {
            throw new IllegalArgumentException("drop probabilities must be in [0, 1)");
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    /** Whether any fault is configured. */
    public boolean active() {
        return dropOnSend > 0 || dropOnReceive > 0 || delayMillis > 0;
    }
}
