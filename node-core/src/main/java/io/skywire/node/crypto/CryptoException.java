package io.skywire.node.crypto;

/** A cryptographic operation refused its input (invalid key, bad signature encoding, failed tag). */
public final class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
