package io.skywire.node.group;

import java.util.List;

/** The frames a route group's two ends exchange inside its member routes (docs/PROTOCOL.md section 6). */
public sealed interface GroupFrame {

    /**
     * A chunk of the group's byte stream.
     *
     * @param seq         the chunk's group sequence number
     * @param stripeCount data chunks in its parity stripe, 0 when it belongs to none
     * @param stripeIndex its place in the stripe, 0..stripeCount-1 (0 without a stripe)
     */
    record Data(long seq, int stripeCount, int stripeIndex, byte[] bytes) implements GroupFrame {
    }

    /**
     * The XOR of a stripe's data chunks, each zero-padded to the longest.
     *
     * @param firstSeq  sequence number of the stripe's first data chunk
     * @param count     data chunks in the stripe
     * @param lengthXor XOR of the data chunks' lengths
     */
    record Parity(long firstSeq, int count, int lengthXor, byte[] bytes) implements GroupFrame {
    }

    /**
     * What the receiver holds: every chunk below {@code cumulative}, and the ranges above it.
     *
     * @param limit   the sender may send chunks below this sequence number
     * @param solicit the sender of this ACK asks for the peer's ACK in return (it lost a member, and with it maybe
     *                the peer's last ACK)
     */
    record Ack(long cumulative, long limit, List<Range> ranges, boolean solicit) implements GroupFrame {
        public Ack {
            ranges = List.copyOf(ranges);
        }

        /** An ACK that asks for nothing back. */
        public Ack(long cumulative, long limit, List<Range> ranges) {
            this(cumulative, limit, ranges, false);
        }
    }

    /** {@code count} consecutive chunks from {@code start}. */
    record Range(long start, int count) {
        long end() {
            return start + count;
        }
    }
}
