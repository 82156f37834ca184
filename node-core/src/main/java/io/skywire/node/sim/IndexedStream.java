package io.skywire.node.sim;

/**
 * The stream a test route carries when a destination cannot tell its incoming routes apart: the route's index
 * (4 bytes, big-endian), then that route's {@link TransferPattern}. {@link Header} reads the index back.
 */
final class IndexedStream {

    /** Bytes of the index that leads every stream. */
    static final int HEADER = 4;

    private IndexedStream() {
    }

    /** Byte {@code position} of route {@code index}'s stream, whose pattern uses {@code seed + index}. */
    static byte at(int index, long position, long seed) {
        if (position < HEADER) {
            return (byte) (index >>> (8 * (HEADER - 1 - position)));
        }
        return TransferPattern.at(position - HEADER, seed + index);
    }

    /** The receiving side's reading of one incoming stream's index. */
    static final class Header {
        private int have;
        private int value;
        /** The stream's index once read and within range, else -1. */
        int index = -1;
        /** Whether the index was read and found outside 0..routes-1. */
        boolean invalid;
        /** Whether the last {@link #read} completed the index (true on that one call only). */
        boolean fresh;

        /** Reads what is left of the index from {@code payload}; returns where the stream's body starts in it. */
        int read(byte[] payload, int routes) {
            fresh = false;
            int at = 0;
            while (have < HEADER && at < payload.length) {
                value = (value << 8) | (payload[at++] & 0xFF);
                have++;
                if (have == HEADER) {
                    fresh = true;
                    invalid = value < 0 || value >= routes;
                    index = invalid ? -1 : value;
                }
            }
            return at;
        }

        /**
         * Reads the index as {@link #read} does, counting a stream in {@code claims} (one per route) when its index
         * completes; returns where the body starts in {@code payload}, or -1 when it holds none of a valid stream
         * (the index incomplete, or {@link #invalid}).
         */
        int body(byte[] payload, int[] claims) {
            int at = read(payload, claims.length);
            if (index < 0) {
                return -1;
            }
            if (fresh) {
                claims[index]++;
            }
            return at;
        }
    }
}
