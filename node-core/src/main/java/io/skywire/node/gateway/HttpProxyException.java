package io.skywire.node.gateway;

/** An HTTP proxy client sent a request the proxy answers with an error status. */
final class HttpProxyException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;
    private final String header;

    /** @param header one extra response header line (such as a 407's challenge), or null */
    HttpProxyException(int status, String reason, String message, String header) {
        super(message);
        this.status = status;
        this.reason = reason;
        this.header = header;
    }

    /** The response head to send: status line, the extra header if any, and the blank line. */
    String responseHead() {
        return "HTTP/1.1 " + statusLine() + "\r\n" + (header == null ? "" : header + "\r\n") + "\r\n";
    }

    /** The status line's code and reason phrase. */
    String statusLine() {
        return status + " " + reason;
    }
}
