package io.skywire.node.engine;

/**
 * The packet numbers a link has received: the largest and a 256-bit history below it. It answers
 * "duplicate or outside the window?" and produces the bitmap of every acknowledgement, so each ACK
 * repeats the last 256 packet numbers and a lost ACK costs little.
 */
final class ReceivedWindow {

    /** Packet numbers further ahead than this are refused as outside the window. */
    static final long MAX_JUMP = 1L << 16;
    private static final int HISTORY = Frame.ACK_BITMAP_BYTES * 8;

    /** Bit i set: packet largest - 1 - i received. */
    private final long[] history = new long[HISTORY / 64];
    private long largest = -1;
    private long largestReceivedAt;

    enum Verdict { NEW, DUPLICATE, OUTSIDE }

    /** Classifies a packet number without recording it. */
    Verdict classify(long packetNumber) {
        if (largest < 0) {
            return packetNumber <= MAX_JUMP ? Verdict.NEW : Verdict.OUTSIDE;
        }
        if (packetNumber > largest) {
            return packetNumber - largest <= MAX_JUMP ? Verdict.NEW : Verdict.OUTSIDE;
        }
        if (packetNumber == largest) {
            return Verdict.DUPLICATE;
        }
        long back = largest - 1 - packetNumber;
        if (back >= HISTORY) {
            return Verdict.OUTSIDE;
        }
        return bit((int) back) ? Verdict.DUPLICATE : Verdict.NEW;
    }

    /** Records a packet number that {@link #classify} called NEW. */
    void record(long packetNumber, long now) {
        if (packetNumber > largest) {
            long shift = largest < 0 ? HISTORY : packetNumber - largest;
            shiftHistory(shift);
            if (largest >= 0 && shift <= HISTORY) {
                setBit((int) (shift - 1));
            }
            largest = packetNumber;
            largestReceivedAt = now;
        } else {
            setBit((int) (largest - 1 - packetNumber));
        }
    }

    long largest() {
        return largest;
    }

    long largestReceivedAt() {
        return largestReceivedAt;
    }

    /** The history as the ACK bitmap, trimmed of trailing zero bytes. */
    byte[] bitmap() {
        byte[] out = new byte[Frame.ACK_BITMAP_BYTES];
        int used = writeBitmap(out, 0);
        return used == out.length ? out : java.util.Arrays.copyOf(out, used);
    }

    /**
     * Writes the ACK bitmap at {@code pos} and returns its length once trimmed of trailing zero bytes; up to
     * {@link Frame#ACK_BITMAP_BYTES} bytes are written.
     */
    int writeBitmap(byte[] buf, int pos) {
        int used = 0;
        for (int i = 0; i < Frame.ACK_BITMAP_BYTES; i++) {
            byte b = (byte) (history[i / 8] >>> ((i % 8) * 8));
            buf[pos + i] = b;
            if (b != 0) {
                used = i + 1;
            }
        }
        return used;
    }

    private boolean bit(int i) {
        return (history[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void setBit(int i) {
        history[i >>> 6] |= 1L << (i & 63);
    }

    private void shiftHistory(long shift) {
        if (shift >= HISTORY) {
            java.util.Arrays.fill(history, 0L);
            return;
        }
        int words = (int) (shift >>> 6);
        int bits = (int) (shift & 63);
        for (int i = history.length - 1; i >= 0; i--) {
            int src = i - words;
            long value = src >= 0 ? history[src] << bits : 0L;
            if (bits != 0 && src - 1 >= 0) {
                value |= history[src - 1] >>> (64 - bits);
            }
            history[i] = value;
        }
    }
}
