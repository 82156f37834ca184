package io.skywire.node.gateway;

/** A SOCKS5 client broke the protocol; {@code reply} is the REP code to answer with, or -1 to close silently. */
final class Socks5Exception extends Exception {

    private static final long serialVersionUID = 1L;
    private final int reply;

    Socks5Exception(int reply, String message) {
        super(message);
        this.reply = reply;
    }

    int reply() {
        return reply;
    }
}
