package io.skywire.node.gateway;

/** An HTTP proxy client sent a request the proxy answers with an error status. */
final class HttpProxyException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;

    HttpProxyException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /** The status line's code and reason phrase. */
    String statusLine() {
        return status + " " + reason;
    }
}
