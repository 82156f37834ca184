package io.skywire.wallet.ledger;

/** A posting whose reference was already posted: the operation it stands for has been done once already. */
public final class DuplicatePostingException extends LedgerException {
    private static final long serialVersionUID = 1L;

    public DuplicatePostingException(String reference, Throwable cause) {
        super("posting '" + reference + "' was already recorded", cause);
    }
}
