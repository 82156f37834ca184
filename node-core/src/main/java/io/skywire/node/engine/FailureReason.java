package io.skywire.node.engine;

/** Why a route failed or closed; the code is the byte carried by error and teardown frames. */
public enum FailureReason {
    NEXT_HOP_UNREACHABLE(1),
    NO_CAPACITY(2),
    REFUSED(3),
    MALFORMED(4),
    TIMEOUT(5),
    LINK_DOWN(6),
    CLOSED(7),
    EXPIRED(8);

    private final int code;

    FailureReason(int code) {
        this.code = code;
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** The reason for a wire code, or null when the code is unknown. */
    public static FailureReason fromCode(int code) {
        for (FailureReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return null;
    }
}
