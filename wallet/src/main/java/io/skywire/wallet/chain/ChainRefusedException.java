package io.skywire.wallet.chain;

/** The chain refused a transaction; nothing of it was recorded. */
public final class ChainRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a transaction was refused. */
    public enum Reason {
        /** A signature does not verify, or was made by a key whose address is not the input's. */
        BAD_SIGNATURE,
        /** An input spends more than its address holds. */
        INSUFFICIENT_FUNDS,
        /** The same transaction (same hash) is on the chain already. */
        ALREADY_ON_CHAIN,
        /** The chain's storage failed; the transaction may be submitted again. */
        UNAVAILABLE
    }

    private final Reason reason;

    public ChainRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ChainRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
