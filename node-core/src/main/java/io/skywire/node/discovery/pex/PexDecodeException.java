package io.skywire.node.discovery.pex;

/** A peer-exchange message that does not decode: wrong layout, lengths that do not add up, a broken record. */
public final class PexDecodeException extends Exception {

    PexDecodeException(String message) {
        super(message, null, false, false);
    }
}
