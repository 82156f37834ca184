package io.skywire.wallet.escrow;

/** The escrow refused a request; nothing of it was recorded. */
public final class EscrowRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** Malformed: wrong sizes, amounts or denominations. */
        BAD_REQUEST,
        /** The request's signature is not the account's. */
        BAD_SIGNATURE,
        /** The account holds less than the request moves. */
        INSUFFICIENT_FUNDS,
        /** The same request (id) was done before. */
        DUPLICATE,
        /** The payout address was paid before: every payout goes to a never-used address. */
        ADDRESS_USED,
        /** A token's signature is not the escrow's. */
        BAD_TOKEN,
        /** A token was spent before. */
        ALREADY_SPENT,
        /** The account's balance is locked by an attestation until it expires. */
        LOCKED,
        /** The promise is not newer than the one settled, or owes less. */
        STALE_PROMISE,
        /** The route's promises are settled to another payee. */
        WRONG_PAYEE,
        /** The balance is below the withdrawal threshold. */
        BELOW_THRESHOLD
    }

    private final Reason reason;

    public EscrowRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
