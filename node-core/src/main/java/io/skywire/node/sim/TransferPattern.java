package io.skywire.node.sim;

/** The deterministic content of a test transfer, so the receiver can check every byte at its position. */
final class TransferPattern {

    private TransferPattern() {
    }

    static byte at(long position, long seed) {
        long x = position * 0x9E3779B97F4A7C15L + seed;
        return (byte) (x >>> 29 ^ x >>> 47);
    }

    static void fill(byte[] buf, int offset, int length, long position, long seed) {
        for (int i = 0; i < length; i++) {
            buf[offset + i] = at(position + i, seed);
        }
    }

    static boolean matches(byte[] buf, int offset, int length, long position, long seed) {
        for (int i = 0; i < length; i++) {
            if (buf[offset + i] != at(position + i, seed)) {
                return false;
            }
        }
        return true;
    }
}
