package io.skywire.node.discovery;

/** Bytes that do not form a valid DHT message; the only failure {@link DhtCodec#decode} reports. */
public final class DhtMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public DhtMessageException(String message) {
        super(message, null, false, false);
    }
}
