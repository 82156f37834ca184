package io.skywire.wallet.seed;

/** A mnemonic that is not a valid 12-word BIP39 English phrase; the message names the bad word or the checksum. */
public final class MnemonicException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the phrase, so a UI can point at it. */
    public enum Reason {
        WORD_COUNT,
        UNKNOWN_WORD,
        CHECKSUM
    }

    private final Reason reason;
    private final int position;

    MnemonicException(Reason reason, int position, String message) {
        super(message);
        this.reason = reason;
        this.position = position;
    }

    /** Why the phrase was refused. */
    public Reason reason() {
        return reason;
    }

    /** The 1-based position of the unknown word, or 0 when the reason is not a single word. */
    public int position() {
        return position;
    }
}
