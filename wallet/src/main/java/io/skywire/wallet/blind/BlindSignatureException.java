package io.skywire.wallet.blind;

/** Input to a blind-signature operation that is not a valid point or scalar, or a result at infinity. */
public final class BlindSignatureException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BlindSignatureException(String message) {
        super(message);
    }
}
