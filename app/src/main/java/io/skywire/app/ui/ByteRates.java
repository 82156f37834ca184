package io.skywire.app.ui;

import java.util.Locale;

/** Byte amounts and rates as the screens show them, in decimal units like the throughput probe's log lines. */
public final class ByteRates {

    private ByteRates() {
    }

    /** {@code 1500} → {@code "1.5 kB/s"}; below 1000 whole bytes. */
    public static String format(double bytesPerSecond) {
        return amount(bytesPerSecond) + "/s";
    }

    /** {@code 2500000} → {@code "2.5 MB"}; below 1000 whole bytes. */
    public static String amount(double bytes) {
        double value = Math.max(0, bytes);
        if (value < 1_000) {
            return Math.round(value) + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        int unit = 0;
        value /= 1_000;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
