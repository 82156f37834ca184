package io.skywire.node.engine;

import io.skywire.node.payment.PaymentSeal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes frames into and decodes datagrams from the link datagram format (big-endian): a version byte,
 * a 64-bit packet number, then frames to the end. Decoding validates the whole datagram before
 * anything acts on it, and every malformed input yields a {@link DecodeException}.
 */
public final class DatagramCodec {

    /** The version byte that starts every datagram. */
    public static final int VERSION = 0x01;
    /** Length of the datagram header. */
    public static final int HEADER_BYTES = 9;
    /** The smallest MTU a link may have: a header and a setup frame large enough for a few hops. */
    public static final int MIN_MTU = 576;

    private DatagramCodec() {
    }

    /** A decoded datagram. */
    public record Datagram(long packetNumber, List<Frame> frames) {
    }

    /**
     * Receives the frames of a datagram in order. The frequent types come as fields and a slice of the datagram,
     * so that receiving them allocates nothing; the rest come as decoded frames.
     */
    interface FrameVisitor {
        void ack(long largest, long ackDelayMicros, byte[] buf, int bitmapAt, int bitmapLength);

        void data(long routeHi, long routeLo, long offset, byte[] buf, int payloadAt, int length);

        void credit(long routeHi, long routeLo, long limit);

        void other(Frame frame);
    }

    /** Decodes one plaintext datagram. */
    public static Datagram decode(byte[] bytes) throws DecodeException {
        return decode(bytes, bytes.length);
    }

    /** Decodes the plaintext datagram in the first {@code length} bytes of {@code bytes}. */
    public static Datagram decode(byte[] bytes, int length) throws DecodeException {
        List<Frame> frames = new ArrayList<>(4);
        long packetNumber = walk(bytes, length, new FrameVisitor() {
            @Override
            public void ack(long largest, long ackDelayMicros, byte[] buf, int bitmapAt, int bitmapLength) {
                frames.add(new Frame.Ack(largest, ackDelayMicros, Arrays.copyOfRange(buf, bitmapAt,
                        bitmapAt + bitmapLength)));
            }

            @Override
            public void data(long routeHi, long routeLo, long offset, byte[] buf, int payloadAt, int payloadLength) {
                frames.add(new Frame.Data(new RouteId(routeHi, routeLo), offset, Arrays.copyOfRange(buf, payloadAt,
                        payloadAt + payloadLength)));
            }

            @Override
            public void credit(long routeHi, long routeLo, long limit) {
                frames.add(new Frame.Credit(new RouteId(routeHi, routeLo), limit));
            }

            @Override
            public void other(Frame frame) {
                frames.add(frame);
            }
        });
        return new Datagram(packetNumber, frames);
    }

    /**
     * Checks the datagram in the first {@code length} bytes of {@code bytes} as a whole and returns its packet
     * number, or reports it malformed; with a visitor, also hands it every frame, in order. The engine calls it
     * twice, without a visitor first, so that nothing in a malformed datagram is acted on.
     */
    static long walk(byte[] bytes, int length, FrameVisitor visitor) throws DecodeException {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer");
        }
        Reader in = new Reader(bytes, length);
        if (in.u8() != VERSION) {
            throw new DecodeException("unknown datagram version");
        }
        long packetNumber = in.u64();
        if (packetNumber < 0) {
            throw new DecodeException("packet number out of range");
        }
        if (in.remaining() == 0) {
            throw new DecodeException("datagram without frames");
        }
        while (in.remaining() > 0) {
            int type = in.u8();
            switch (type) {
                case Frame.ACK -> {
                    long largest = in.u64();
                    long delay = in.u32();
                    int bitmapLength = in.u8();
                    if (largest < 0 || bitmapLength > Frame.ACK_BITMAP_BYTES) {
                        throw new DecodeException("ack out of range");
                    }
                    int at = in.skip(bitmapLength);
                    if (visitor != null) {
                        visitor.ack(largest, delay, bytes, at, bitmapLength);
                    }
                }
                case Frame.DATA -> {
                    long hi = in.u64();
                    long lo = in.u64();
                    long offset = in.u64();
                    int payloadLength = in.u16();
                    if (offset < 0) {
                        throw new DecodeException("data offset out of range");
                    }
                    int at = in.skip(payloadLength);
                    if (visitor != null) {
                        visitor.data(hi, lo, offset, bytes, at, payloadLength);
                    }
                }
                case Frame.CREDIT -> {
                    long hi = in.u64();
                    long lo = in.u64();
                    long limit = in.u64();
                    if (limit < 0) {
                        throw new DecodeException("credit limit out of range");
                    }
                    if (visitor != null) {
                        visitor.credit(hi, lo, limit);
                    }
                }
                default -> {
                    // A reader of its own, so that the main one never escapes and costs no allocation.
                    Reader rare = new Reader(bytes, length, in.pos);
                    Frame frame = decodeFrame(type, rare);
                    in.pos = rare.pos;
                    if (visitor != null) {
                        visitor.other(frame);
                    }
                }
            }
        }
        return packetNumber;
    }

    /** Decodes the frames other than ACK, DATA and CREDIT, whose type byte has been read. */
    private static Frame decodeFrame(int type, Reader in) throws DecodeException {
        switch (type) {
            case Frame.SETUP: {
                RouteId route = in.routeId();
                int length = in.u16();
                return new Frame.Setup(route, in.bytes(length));
            }
            case Frame.CONFIRM:
                return new Frame.Confirm(in.routeId(), in.routeId(), in.bytes(Frame.Confirm.PROOF_BYTES));
            case Frame.ERROR:
                return new Frame.Error(in.routeId(), reason(in.u8()));
            case Frame.TEARDOWN:
                return new Frame.Teardown(in.routeId(), reason(in.u8()));
            case Frame.KEEPALIVE:
                return new Frame.Keepalive(in.routeId());
            case Frame.PAYMENT: {
                RouteId route = in.routeId();
                int length = in.u16();
                if (length < PaymentSeal.OVERHEAD || length > PaymentSeal.OVERHEAD + PaymentSeal.MAX_MESSAGE_BYTES) {
                    throw new DecodeException("payment body length out of range");
                }
                return new Frame.Payment(route, in.bytes(length));
            }
            case Frame.BLOCK: {
                int flags = in.u8();
                if ((flags & ~Frame.Block.FLAG_BLOCK) != 0) {
                    throw new DecodeException("unknown block flags " + flags);
                }
                RouteId route = in.routeId();
                long sequence = in.u64();
                if (sequence <= 0) {
                    throw new DecodeException("block sequence out of range");
                }
                return new Frame.Block(route, (flags & Frame.Block.FLAG_BLOCK) != 0, sequence);
            }
            default:
                throw new DecodeException("unknown frame type " + type);
        }
    }

    private static FailureReason reason(int code) throws DecodeException {
        FailureReason reason = FailureReason.fromCode(code);
        if (reason == null) {
            throw new DecodeException("unknown reason code " + code);
        }
        return reason;
    }

    /** Writes the datagram header at offset 0 of {@code buf}. */
    public static void writeHeader(byte[] buf, long packetNumber) {
        buf[0] = (byte) VERSION;
        putLong(buf, 1, packetNumber);
    }

    /** Writes {@code frame} at {@code pos}; returns the position after it. The caller checks the space. */
    public static int writeFrame(byte[] buf, int pos, Frame frame) {
        if (frame instanceof Frame.Ack ack) {
            buf[pos] = Frame.ACK;
            putLong(buf, pos + 1, ack.largest());
            putInt(buf, pos + 9, (int) Math.min(ack.ackDelayMicros(), 0xFFFF_FFFFL));
            buf[pos + 13] = (byte) ack.bitmap().length;
            System.arraycopy(ack.bitmap(), 0, buf, pos + 14, ack.bitmap().length);
            return pos + 14 + ack.bitmap().length;
        }
        if (frame instanceof Frame.Data data) {
            return writeData(buf, pos, data.route().hi(), data.route().lo(), data.offset(), data.payload());
        }
        if (frame instanceof Frame.Credit credit) {
            return writeCredit(buf, pos, credit.route().hi(), credit.route().lo(), credit.limit());
        }
        if (frame instanceof Frame.Setup setup) {
            int p = putRoute(buf, pos, Frame.SETUP, setup.route().hi(), setup.route().lo());
            putShort(buf, p, setup.onion().length);
            System.arraycopy(setup.onion(), 0, buf, p + 2, setup.onion().length);
            return p + 2 + setup.onion().length;
        }
        if (frame instanceof Frame.Confirm confirm) {
            int p = putRoute(buf, pos, Frame.CONFIRM, confirm.route().hi(), confirm.route().lo());
            putLong(buf, p, confirm.newRoute().hi());
            putLong(buf, p + 8, confirm.newRoute().lo());
            System.arraycopy(confirm.proof(), 0, buf, p + 16, Frame.Confirm.PROOF_BYTES);
            return p + 16 + Frame.Confirm.PROOF_BYTES;
        }
        if (frame instanceof Frame.Error error) {
            int p = putRoute(buf, pos, Frame.ERROR, error.route().hi(), error.route().lo());
            buf[p] = (byte) error.reason().code();
            return p + 1;
        }
        if (frame instanceof Frame.Teardown teardown) {
            int p = putRoute(buf, pos, Frame.TEARDOWN, teardown.route().hi(), teardown.route().lo());
            buf[p] = (byte) teardown.reason().code();
            return p + 1;
        }
        if (frame instanceof Frame.Payment payment) {
            int p = putRoute(buf, pos, Frame.PAYMENT, payment.route().hi(), payment.route().lo());
            putShort(buf, p, payment.body().length);
            System.arraycopy(payment.body(), 0, buf, p + 2, payment.body().length);
            return p + 2 + payment.body().length;
        }
        if (frame instanceof Frame.Block block) {
            buf[pos] = Frame.BLOCK;
            buf[pos + 1] = (byte) (block.block() ? Frame.Block.FLAG_BLOCK : 0);
            putLong(buf, pos + 2, block.route().hi());
            putLong(buf, pos + 10, block.route().lo());
            putLong(buf, pos + 18, block.sequence());
            return pos + Frame.Block.BYTES;
        }
        Frame.Keepalive keepalive = (Frame.Keepalive) frame;
        return putRoute(buf, pos, Frame.KEEPALIVE, keepalive.route().hi(), keepalive.route().lo());
    }

    /**
     * Writes an ACK frame's type, largest and delay without allocating a frame object, and returns the position
     * of its bitmap; the caller writes the bitmap there and its length in the byte before.
     */
    public static int writeAckHeader(byte[] buf, int pos, long largest, long ackDelayMicros) {
        buf[pos] = Frame.ACK;
        putLong(buf, pos + 1, largest);
        putInt(buf, pos + 9, (int) Math.min(ackDelayMicros, 0xFFFF_FFFFL));
        return pos + 14;
    }

    /** Writes a DATA frame without allocating a frame object; returns the position after it. */
    public static int writeData(byte[] buf, int pos, long routeHi, long routeLo, long offset, byte[] payload) {
        int p = putRoute(buf, pos, Frame.DATA, routeHi, routeLo);
        putLong(buf, p, offset);
        putShort(buf, p + 8, payload.length);
        System.arraycopy(payload, 0, buf, p + 10, payload.length);
        return p + 10 + payload.length;
    }

    /** Writes a CREDIT frame without allocating a frame object; returns the position after it. */
    public static int writeCredit(byte[] buf, int pos, long routeHi, long routeLo, long limit) {
        int p = putRoute(buf, pos, Frame.CREDIT, routeHi, routeLo);
        putLong(buf, p, limit);
        return p + 8;
    }

    private static int putRoute(byte[] buf, int pos, int type, long hi, long lo) {
        buf[pos] = (byte) type;
        putLong(buf, pos + 1, hi);
        putLong(buf, pos + 9, lo);
        return pos + 1 + RouteId.BYTES;
    }

    static void putLong(byte[] buf, int pos, long value) {
        for (int i = 7; i >= 0; i--) {
            buf[pos + i] = (byte) value;
            value >>>= 8;
        }
    }

    static void putInt(byte[] buf, int pos, int value) {
        buf[pos] = (byte) (value >>> 24);
        buf[pos + 1] = (byte) (value >>> 16);
        buf[pos + 2] = (byte) (value >>> 8);
        buf[pos + 3] = (byte) value;
    }

    static void putShort(byte[] buf, int pos, int value) {
        buf[pos] = (byte) (value >>> 8);
        buf[pos + 1] = (byte) value;
    }

    static long getLong(byte[] buf, int pos) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buf[pos + i] & 0xFF);
        }
        return value;
    }

    /** A bounds-checked big-endian reader that reports running off the end as a decode error. */
    static final class Reader {
        private final byte[] buf;
        private final int limit;
        private int pos;

        Reader(byte[] buf, int limit) {
            this(buf, limit, 0);
        }

        Reader(byte[] buf, int limit, int pos) {
            this.buf = buf;
            this.limit = limit;
            this.pos = pos;
        }

        int remaining() {
            return limit - pos;
        }

        private void need(int n) throws DecodeException {
            if (remaining() < n) {
                throw new DecodeException("truncated: needed " + n + " bytes, " + remaining() + " left");
            }
        }

        int u8() throws DecodeException {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int u16() throws DecodeException {
            need(2);
            int value = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
            pos += 2;
            return value;
        }

        long u32() throws DecodeException {
            need(4);
            long value = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                    | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            pos += 4;
            return value;
        }

        long u64() throws DecodeException {
            need(8);
            long value = getLong(buf, pos);
            pos += 8;
            return value;
        }

        RouteId routeId() throws DecodeException {
            return new RouteId(u64(), u64());
        }

        /** Skips {@code n} bytes and returns where they start. */
        int skip(int n) throws DecodeException {
            need(n);
            int at = pos;
            pos += n;
            return at;
        }

        byte[] bytes(int n) throws DecodeException {
            need(n);
            byte[] out = new byte[n];
            System.arraycopy(buf, pos, out, 0, n);
            pos += n;
            return out;
        }
    }
}
