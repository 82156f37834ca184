package io.skywire.wallet.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of Skycoin in droplets, the smallest unit (1 SKY = 1,000,000 droplets); arithmetic refuses to
 * overflow rather than wrap.
 *
 * @param value the number of droplets, possibly negative (a debit)
 */
public record Droplets(long value) implements Comparable<Droplets> {

    /** Droplets in one SKY. */
    public static final long PER_SKY = 1_000_000L;
    /** Decimal places of a SKY amount. */
    public static final int DECIMALS = 6;
    /** No money. */
    public static final Droplets ZERO = new Droplets(0);

    private static final Pattern TEXT = Pattern.compile("(-)?(\\d{1,13})(?:\\.(\\d{1,6}))?(?:\\s*SKY)?",
            Pattern.CASE_INSENSITIVE);

    /** {@code droplets} droplets. */
    public static Droplets of(long droplets) {
        return new Droplets(droplets);
    }

    /** Whole SKY. */
    public static Droplets ofSky(long sky) {
        return new Droplets(Math.multiplyExact(sky, PER_SKY));
    }

    /**
     * Parses "1.5 SKY", "1.5", "-0.000001 SKY": at most six decimals, the unit optional and case-insensitive.
     *
     * @throws IllegalArgumentException naming the text when it is not such an amount
     */
    public static Droplets parse(String text) {
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a SKY amount such as 1.5 SKY (at most "
                    + DECIMALS + " decimals)");
        }
        String fraction = matcher.group(3) == null ? "" : matcher.group(3);
        long whole = Long.parseLong(matcher.group(2));
        long decimals = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000").substring(0, DECIMALS));
        long droplets = Math.addExact(Math.multiplyExact(whole, PER_SKY), decimals);
        return new Droplets(matcher.group(1) == null ? droplets : -droplets);
    }

    /** This plus {@code other}. */
    public Droplets plus(Droplets other) {
        return new Droplets(Math.addExact(value, other.value));
    }

    /** This minus {@code other}. */
    public Droplets minus(Droplets other) {
        return new Droplets(Math.subtractExact(value, other.value));
    }

    /** This times {@code factor}. */
    public Droplets times(long factor) {
        return new Droplets(Math.multiplyExact(value, factor));
    }

    /** The opposite amount. */
    public Droplets negate() {
        return new Droplets(Math.negateExact(value));
    }

    /** True when below zero. */
    public boolean isNegative() {
        return value < 0;
    }

    /** True when zero. */
    public boolean isZero() {
        return value == 0;
    }

    /** "1.5 SKY": whole SKY, then the decimals without trailing zeros. */
    public String format() {
        // Math.abs(Long.MIN_VALUE) stays negative, but read as unsigned it is the right magnitude, 2^63.
        long absolute = Math.abs(value);
        long whole = Long.divideUnsigned(absolute, PER_SKY);
        long fraction = Long.remainderUnsigned(absolute, PER_SKY);
        StringBuilder text = new StringBuilder();
        if (value < 0) {
            text.append('-');
        }
        text.append(Long.toUnsignedString(whole));
        if (fraction != 0) {
            String decimals = String.format("%06d", fraction);
            int end = decimals.length();
            while (decimals.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(decimals, 0, end);
        }
        return text.append(" SKY").toString();
    }

    @Override
    public int compareTo(Droplets other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return format();
    }
}
