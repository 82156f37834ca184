package io.skywire.node.vpn;

/** An IPv4 packet or IP-tunnel frame that breaks the rules; the message says which one. */
public final class MalformedPacketException extends Exception {

    public MalformedPacketException(String message) {
        super(message);
    }
}
