package io.skywire.wallet.payment;

/** What a hop's verifier did with one promise: accepted it, or why it refused it. */
public enum PromiseOutcome {
    /** Valid, newer than every accepted promise, not decreasing, within the locked balance. */
    ACCEPTED,
    /** For another pseudonym or another route than this verifier's. */
    WRONG_ROUTE,
    /** The signature is not the pseudonym's over this promise. */
    BAD_SIGNATURE,
    /** Same sequence number as the latest accepted promise (a resend or a conflicting promise). */
    REPEATED_SEQUENCE,
    /** Older than the latest accepted promise, which already supersedes it. */
    STALE_SEQUENCE,
    /** A newer promise that owes less than the latest accepted one. */
    AMOUNT_DECREASED,
    /** Owes more than the balance the escrow attests is locked for the pseudonym. */
    EXCEEDS_LOCKED_BALANCE;

    /** True for every outcome but {@link #ACCEPTED}. */
    public boolean refused() {
        return this != ACCEPTED;
    }
}
