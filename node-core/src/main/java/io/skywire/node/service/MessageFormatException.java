package io.skywire.node.service;

/**
 * A service message whose bytes do not decode: a truncated field, a value out of range, trailing bytes. Decoders
 * throw only this, so the host can count and refuse the message without anything else escaping.
 */
public final class MessageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public MessageFormatException(String message) {
        super(message);
    }
}
