package io.skywire.app.ui;

import java.util.Locale;

/** Byte counts as the screens show them, in decimal units (1 kB = 1,000 bytes, as link speeds are quoted). */
final class Bytes {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private Bytes() {
    }

    /** {@code 999} → {@code "999 B"}, {@code 12_345} → {@code "12.3 kB"}. */
    static String human(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1_000 && unit + 1 < UNITS.length) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
