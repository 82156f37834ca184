package io.skywire.wallet.skycoin;

/** A Skycoin address or Base58 text that cannot be parsed; the message says why. */
public final class AddressFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AddressFormatException(String message) {
        super(message);
    }
}
