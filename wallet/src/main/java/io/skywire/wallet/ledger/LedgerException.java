package io.skywire.wallet.ledger;

/** The wallet database refused or failed an operation; the driver's exception is the cause. */
public class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }

    public LedgerException(String message) {
        super(message);
    }
}
