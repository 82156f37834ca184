package io.skywire.node.discovery.lan;

/** A datagram on the LAN group's port that is not an announcement this node reads; carries what to count. */
public final class LanDecodeException extends Exception {

    private final LanCounter reason;

    LanDecodeException(LanCounter reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    /** The counter this refusal goes under. */
    public LanCounter reason() {
        return reason;
    }
}
