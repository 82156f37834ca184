package io.skywire.node.link;

/** A handshake act was refused; the link must be closed without a reply. */
public final class HandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an act was refused. */
    public enum Reason {
        /** The act is not exactly the length its position requires. */
        BAD_LENGTH,
        /** The leading version byte is not 0. */
        BAD_VERSION,
        /** A public key in the act is not a valid compressed secp256k1 point. */
        BAD_PUBLIC_KEY,
        /** An authentication tag failed: tampering, or the initiator used the wrong responder key. */
        BAD_TAG,
        /** A method was called out of order, or after an earlier failure. */
        WRONG_STATE
    }

    private final Reason reason;

    public HandshakeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public HandshakeException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /** The typed reason, for counters and tests. */
    public Reason reason() {
        return reason;
    }
}
