package io.skywire.wallet.seed;

/** The password does not open the seed file (or the sealed seed was altered, which scrypt cannot tell apart). */
public final class WrongPasswordException extends Exception {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException() {
        super("wrong password");
    }
}
