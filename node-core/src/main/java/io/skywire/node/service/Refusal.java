package io.skywire.node.service;

/** Why a received service message was not handed to its handler; the code is what a REFUSED message carries. */
public enum Refusal {
    /** No registered message has this type. */
    UNKNOWN_TYPE(1),
    /** The type is known, this version is not. */
    UNKNOWN_VERSION(2),
    /** The body did not decode. */
    MALFORMED(3),
    /** The frame is longer than the type's maximum, or the host's. */
    OVERSIZED(4),
    /** The sender exceeded its message rate. */
    RATE_LIMITED(5),
    /** The service's handler queue was full. */
    QUEUE_FULL(6);

    private final int code;

    Refusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The refusal with this code, or null. */
    public static Refusal ofCode(int code) {
        for (Refusal refusal : values()) {
            if (refusal.code == code) {
                return refusal;
            }
        }
        return null;
    }
}
