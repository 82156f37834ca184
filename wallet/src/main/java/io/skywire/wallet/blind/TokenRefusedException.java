package io.skywire.wallet.blind;

/** The escrow refused a token: its signature is not the escrow's, or it was spent before. */
public final class TokenRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a token was refused. */
    public enum Reason {
        BAD_SIGNATURE,
        ALREADY_SPENT
    }

    private final Reason reason;

    public TokenRefusedException(Reason reason) {
        super(reason == Reason.ALREADY_SPENT ? "token already spent" : "token signature is not the escrow's");
        this.reason = reason;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
