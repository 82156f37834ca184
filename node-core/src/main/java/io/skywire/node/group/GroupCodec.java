package io.skywire.node.group;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes group frames as type (1), body length (2, BE), body, and decodes them from a member route's byte
 * stream, which may split or join frames anywhere. Every length is checked against its type before the body
 * is read or waited for; anything malformed is a {@link GroupProtocolException}.
 */
public final class GroupCodec {

    /** Bytes before a frame's body. */
    public static final int HEADER_BYTES = 3;
    /** Largest chunk of stream bytes in one DATA or PARITY frame. */
    public static final int MAX_CHUNK = 16_384;
    /** Most data chunks in one parity stripe. */
    public static final int MAX_STRIPE = 15;
    /** Most selective ranges in one ACK. */
    public static final int MAX_RANGES = 32;
    /** Sequence numbers stay below this. */
    public static final long MAX_SEQ = 1L << 62;
    /** Bytes of a DATA or PARITY frame besides its chunk, at most (PARITY's). */
    public static final int CHUNK_FRAME_OVERHEAD = HEADER_BYTES + 11;

    static final int DATA = 0x01;
    static final int PARITY = 0x02;
    static final int ACK = 0x03;
    private static final int MAX_BODY = 11 + MAX_CHUNK;
    private static final int ACK_FIXED = 17;
    private static final int RANGE_BYTES = 12;
    /** Bit of an ACK's range-count byte that asks for an ACK back. */
    private static final int SOLICIT = 0x80;

    private GroupCodec() {
    }

    /** The frame's bytes. */
    public static byte[] encode(GroupFrame frame) {
        ByteBuffer out;
        if (frame instanceof GroupFrame.Data data) {
            out = header(DATA, 10 + data.bytes().length);
            out.putLong(data.seq()).put((byte) data.stripeCount()).put((byte) data.stripeIndex()).put(data.bytes());
        } else if (frame instanceof GroupFrame.Parity parity) {
            out = header(PARITY, 11 + parity.bytes().length);
            out.putLong(parity.firstSeq()).put((byte) parity.count()).putShort((short) parity.lengthXor())
                    .put(parity.bytes());
        } else {
            GroupFrame.Ack ack = (GroupFrame.Ack) frame;
            out = header(ACK, ACK_FIXED + RANGE_BYTES * ack.ranges().size());
            out.putLong(ack.cumulative()).putLong(ack.limit())
                    .put((byte) (ack.ranges().size() | (ack.solicit() ? SOLICIT : 0)));
            for (GroupFrame.Range range : ack.ranges()) {
                out.putLong(range.start()).putInt(range.count());
            }
        }
        return out.array();
    }

    private static ByteBuffer header(int type, int bodyLength) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + bodyLength);
        return out.put((byte) type).putShort((short) bodyLength);
    }

    /**
     * Takes the next whole frame from {@code in} (read mode), or returns null and leaves {@code in} untouched when
     * the frame is not complete yet.
     */
    static GroupFrame decode(ByteBuffer in) throws GroupProtocolException {
        if (in.remaining() < HEADER_BYTES) {
            return null;
        }
        int start = in.position();
        int type = in.get(start) & 0xFF;
        int length = in.getShort(start + 1) & 0xFFFF;
        checkLength(type, length);
        if (in.remaining() < HEADER_BYTES + length) {
            return null;
        }
        in.position(start + HEADER_BYTES);
        return switch (type) {
            case DATA -> data(in, length);
            case PARITY -> parity(in, length);
            default -> ack(in, length);
        };
    }

    private static void checkLength(int type, int length) throws GroupProtocolException {
        switch (type) {
            case DATA -> require(length >= 11 && length <= 10 + MAX_CHUNK, "DATA body length " + length);
            case PARITY -> require(length >= 12 && length <= MAX_BODY, "PARITY body length " + length);
            case ACK -> require(length >= ACK_FIXED && length <= ACK_FIXED + RANGE_BYTES * MAX_RANGES
                    && (length - ACK_FIXED) % RANGE_BYTES == 0, "ACK body length " + length);
            default -> throw new GroupProtocolException("unknown frame type " + type);
        }
    }

    private static GroupFrame data(ByteBuffer in, int length) throws GroupProtocolException {
        long seq = in.getLong();
        int count = in.get() & 0xFF;
        int index = in.get() & 0xFF;
        byte[] bytes = new byte[length - 10];
        in.get(bytes);
        require(seq >= 0 && seq < MAX_SEQ, "DATA sequence number out of range");
        require(count <= MAX_STRIPE && (count == 0 ? index == 0 : index < count) && index <= seq,
                "DATA stripe " + index + "/" + count);
        return new GroupFrame.Data(seq, count, index, bytes);
    }

    private static GroupFrame parity(ByteBuffer in, int length) throws GroupProtocolException {
        long first = in.getLong();
        int count = in.get() & 0xFF;
        int lengthXor = in.getShort() & 0xFFFF;
        byte[] bytes = new byte[length - 11];
        in.get(bytes);
        require(first >= 0 && first < MAX_SEQ - MAX_STRIPE, "PARITY sequence number out of range");
        require(count >= 1 && count <= MAX_STRIPE, "PARITY stripe of " + count);
        return new GroupFrame.Parity(first, count, lengthXor, bytes);
    }

    private static GroupFrame ack(ByteBuffer in, int length) throws GroupProtocolException {
        long cumulative = in.getLong();
        long limit = in.getLong();
        int countByte = in.get() & 0xFF;
        int n = countByte & ~SOLICIT;
        require(length == ACK_FIXED + RANGE_BYTES * n, "ACK range count " + n + " for body length " + length);
        require(cumulative >= 0 && cumulative <= limit && limit <= MAX_SEQ, "ACK cumulative/limit");
        List<GroupFrame.Range> ranges = new ArrayList<>(n);
        long floor = cumulative;
        for (int i = 0; i < n; i++) {
            long rangeStart = in.getLong();
            int count = in.getInt();
            // Ascending, disjoint, above the cumulative point and separated by a gap, below the limit.
            require(rangeStart > floor && count >= 1 && rangeStart + count <= limit, "ACK range " + i);
            ranges.add(new GroupFrame.Range(rangeStart, count));
            floor = rangeStart + count;
        }
        return new GroupFrame.Ack(cumulative, limit, ranges, (countByte & SOLICIT) != 0);
    }

    private static void require(boolean condition, String what) throws GroupProtocolException {
        if (!condition) {
            throw new GroupProtocolException("malformed group frame: " + what);
        }
    }

    /** Largest frame, header included. */
    static int maxFrameBytes() {
        return HEADER_BYTES + MAX_BODY;
    }
}
