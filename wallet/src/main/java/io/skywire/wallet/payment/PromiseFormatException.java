package io.skywire.wallet.payment;

/** Bytes that are not a canonical encoding of a payment promise; the message says which field is wrong. */
public final class PromiseFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PromiseFormatException(String message) {
        super(message);
    }
}
