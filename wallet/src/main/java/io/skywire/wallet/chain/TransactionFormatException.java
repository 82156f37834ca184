package io.skywire.wallet.chain;

/** Bytes or values that are not a valid transaction; the message says which rule they break. */
public final class TransactionFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TransactionFormatException(String message) {
        super(message);
    }
}
