package io.skywire.node.link;

import java.util.List;

/** The outcome of opening one received transport frame. */
public sealed interface Opened permits Opened.Payload, Opened.Control, Opened.Rejected {

    /** Application data to hand to the layer above. */
    record Payload(byte[] data) implements Opened {
    }

    /**
     * A rekey message consumed by the link itself.
     *
     * @param replies     sealed frames to send back to the peer (an accept), possibly none
     * @param sendRotated true when this frame let the local send key rotate, freeing a stalled sender
     */
    record Control(List<byte[]> replies, boolean sendRotated) implements Opened {
    }

    /** The frame was refused and counted; the receive state did not change. */
    record Rejected(LinkBreach breach, String detail) implements Opened {
    }
}
