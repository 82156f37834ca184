package io.skywire.app.ui;

import io.skywire.wallet.ledger.Droplets;

/** Droplet amounts as the screens show them: SKY with six decimals, computed in integers (never floating point). */
public final class Money {

    private static final long DROPLETS_PER_SKY = 1_000_000L;

    private Money() {
    }

    /** {@code 1500000} → {@code "1.500000 SKY"}; amounts here are prices and balances, never negative. */
    public static String sky(long droplets) {
        if (droplets < 0) {
            throw new IllegalArgumentException("a negative amount: " + droplets);
        }
        return droplets / DROPLETS_PER_SKY + "." + String.format("%06d", droplets % DROPLETS_PER_SKY) + " SKY";
    }

    /** A price per GB: {@code "0.750000 SKY/GB"}. */
    public static String perGb(long droplets) {
        return sky(droplets) + "/GB";
    }

    /**
     * A price typed in SKY ("0.5", "1.25 SKY"), read by the wallet's own {@link Droplets#parse}, in droplets.
     *
     * @throws IllegalArgumentException with the reason a form shows next to the field
     */
    public static long parsePrice(String text) {
        Droplets price;
        try {
            price = Droplets.parse(text.strip());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("not a price in SKY with at most 6 decimals: " + text.strip(), e);
        }
        if (price.isNegative()) {
            throw new IllegalArgumentException("a price cannot be negative");
        }
        return price.value();
    }
}
