package io.skywire.node.link;

/**
 * A sliding bitmap of the last {@value #SIZE} counters received under one key (as in WireGuard and DTLS),
 * so reordered datagrams are accepted once and duplicates never.
 */
final class ReplayWindow {

    /** Window size in frames; a multiple of 64. */
    static final int SIZE = 1024;

    /** What a counter would be if accepted now. */
    enum Verdict { FRESH, REPLAYED, TOO_OLD }

    private final long[] bits = new long[SIZE / 64];
    private long highest = -1;

    /** Classifies a counter without recording it: only authenticated frames may move the window. */
    Verdict check(long counter) {
        if (counter > highest) {
            return Verdict.FRESH;
        }
        if (highest - counter >= SIZE) {
            return Verdict.TOO_OLD;
        }
        return isSet(counter) ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /** Records an authenticated counter that {@link #check} called fresh. */
    void mark(long counter) {
        if (counter > highest) {
            long advance = highest < 0 ? SIZE : counter - highest;
            if (advance >= SIZE) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                // The ring reuses the slots of counters that just fell out of the window; clear them.
                for (long c = highest + 1; c < counter; c++) {
                    clear(c);
                }
            }
            highest = counter;
        }
        int index = (int) (counter % SIZE);
        bits[index >>> 6] |= 1L << (index & 63);
    }

    private boolean isSet(long counter) {
        int index = (int) (counter % SIZE);
        return (bits[index >>> 6] & (1L << (index & 63))) != 0;
    }

    private void clear(long counter) {
        int index = (int) (counter % SIZE);
        bits[index >>> 6] &= ~(1L << (index & 63));
    }
}
