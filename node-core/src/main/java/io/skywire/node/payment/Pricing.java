package io.skywire.node.payment;

import java.math.BigInteger;

/**
 * Route prices are droplets per GB of route bytes (10^9 bytes, each direction counted); owing rounds up and
 * coverage rounds down, so neither side of a payment gains from rounding against the other.
 */
public final class Pricing {

    /** Bytes in the GB a price is quoted for. */
    public static final long BYTES_PER_GB = 1_000_000_000L;
    private static final BigInteger GB = BigInteger.valueOf(BYTES_PER_GB);

    private Pricing() {
    }

    /** Droplets owed for {@code bytes} at {@code pricePerGb}: ceil(bytes * price / 10^9). */
    public static long owed(long bytes, long pricePerGb) {
        check(bytes, pricePerGb);
        long high = Math.multiplyHigh(bytes, pricePerGb);
        long low = bytes * pricePerGb;
        if (high == 0 && low >= 0) {
            return low / BYTES_PER_GB + (low % BYTES_PER_GB == 0 ? 0 : 1);
        }
        BigInteger[] division = BigInteger.valueOf(bytes).multiply(BigInteger.valueOf(pricePerGb)).divideAndRemainder(GB);
        return division[0].longValueExact() + (division[1].signum() == 0 ? 0 : 1);
    }

    /** Bytes that {@code droplets} pay for at {@code pricePerGb}: floor(droplets * 10^9 / price); all at price 0. */
    public static long covered(long droplets, long pricePerGb) {
        check(droplets, pricePerGb);
        if (pricePerGb == 0) {
            return Long.MAX_VALUE;
        }
        BigInteger bytes = BigInteger.valueOf(droplets).multiply(GB).divide(BigInteger.valueOf(pricePerGb));
        return bytes.bitLength() < Long.SIZE ? bytes.longValue() : Long.MAX_VALUE;
    }

    private static void check(long amount, long pricePerGb) {
        if (amount < 0 || pricePerGb < 0) {
            throw new IllegalArgumentException("amounts and prices are never negative");
        }
    }
}
