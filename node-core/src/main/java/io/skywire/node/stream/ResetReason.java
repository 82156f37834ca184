package io.skywire.node.stream;

/** Why a stream was reset or refused; the codes mirror SOCKS5 reply codes where one exists, so a proxy can pass them on. */
public enum ResetReason {
    GENERAL_FAILURE(1),
    NOT_ALLOWED(2),
    NETWORK_UNREACHABLE(3),
    HOST_UNREACHABLE(4),
    CONNECTION_REFUSED(5),
    TIMED_OUT(6),
    CONNECTION_RESET(9),
    CANCELLED(10),
    FLOW_CONTROL(11),
    NO_CAPACITY(12),
    ROUTE_LOST(13);

    private final int code;

    ResetReason(int code) {
        this.code = code;
    }

    /** The code on the wire. */
    public int code() {
        return code;
    }

    /** The reason with this code, or null for an unknown code. */
    public static ResetReason ofCode(int code) {
        for (ResetReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return null;
    }
}
