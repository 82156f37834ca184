package io.skywire.wallet.skycoin;

import java.math.BigInteger;
import java.util.Arrays;

/** Base58 with the Bitcoin alphabet, as Skycoin addresses use it; leading zero bytes become leading '1's. */
public final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEXES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    /** Encodes bytes as Base58 text. */
    public static String encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        StringBuilder text = new StringBuilder();
        BigInteger value = new BigInteger(1, data);
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(BASE);
            text.append(ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        for (int i = 0; i < zeros; i++) {
            text.append('1');
        }
        return text.reverse().toString();
    }

    /**
     * Decodes Base58 text.
     *
     * @throws AddressFormatException naming the first character outside the alphabet
     */
    public static byte[] decode(String text) {
        if (text.isEmpty()) {
            throw new AddressFormatException("empty Base58 text");
        }
        BigInteger value = BigInteger.ZERO;
        int ones = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new AddressFormatException("character '" + c + "' at position " + (i + 1)
                        + " is not in the Base58 alphabet");
            }
            if (leading && digit == 0) {
                ones++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[ones + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, ones, magnitude.length - skip);
        return out;
    }
}
