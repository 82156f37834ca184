package io.skywire.node.stream;

/** The peer broke the stream protocol (a malformed frame, or one the state does not allow); the route must go. */
public final class StreamProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public StreamProtocolException(String message) {
        super(message);
    }
}
