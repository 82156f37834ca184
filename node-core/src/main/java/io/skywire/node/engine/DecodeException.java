package io.skywire.node.engine;

/** Input bytes that do not form a valid datagram or setup layer; the only failure a decoder reports. */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message, null, false, false);
    }
}
