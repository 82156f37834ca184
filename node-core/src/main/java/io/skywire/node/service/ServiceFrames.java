package io.skywire.node.service;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framing of service messages in a route's ordered byte stream (docs/PROTOCOL.md 8.2): a 4-byte length, then
 * type, version and body. Sans-I/O: {@link Reader#feed} takes whatever the route delivered and returns the whole
 * frames in it, keeping a partial one; a length above {@link #MAX_FRAME} breaks the stream, since nothing after it
 * can be trusted to be a frame boundary, so the caller closes the route.
 */
public final class ServiceFrames {

    /** The largest body any message may have. */
    public static final int MAX_BODY = 65_536;
    /** The largest value of the length field: type, version and the largest body. */
    public static final int MAX_FRAME = MAX_BODY + 2;
    /** Length field, type, version. */
    public static final int HEADER_BYTES = 6;

    /** One frame as read. */
    public record Frame(int type, int version, byte[] body) {
    }

    /** The stream is no longer framed (an oversized or impossible length); close the route. */
    public static final class BrokenStreamException extends Exception {
        private static final long serialVersionUID = 1L;

        public BrokenStreamException(String message) {
            super(message);
        }
    }

    private ServiceFrames() {
    }

    /** The bytes of one frame. */
    public static byte[] encode(int type, int version, byte[] body) {
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("body of " + body.length + " bytes exceeds " + MAX_BODY);
        }
        int length = body.length + 2;
        byte[] out = new byte[4 + length];
        out[0] = (byte) (length >>> 24);
        out[1] = (byte) (length >>> 16);
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        out[4] = (byte) type;
        out[5] = (byte) version;
        System.arraycopy(body, 0, out, 6, body.length);
        return out;
    }

    /** Reassembles frames from a byte stream delivered in pieces of any size. */
    public static final class Reader {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean broken;

        /** The whole frames completed by {@code bytes}; after a {@link BrokenStreamException} every call throws. */
        public List<Frame> feed(byte[] bytes) throws BrokenStreamException {
            if (broken) {
                throw new BrokenStreamException("stream already broken");
            }
            pending.writeBytes(bytes);
            byte[] all = pending.toByteArray();
            List<Frame> frames = new ArrayList<>();
            int at = 0;
            while (all.length - at >= 4) {
                long length = ((all[at] & 0xffL) << 24) | ((all[at + 1] & 0xff) << 16) | ((all[at + 2] & 0xff) << 8)
                        | (all[at + 3] & 0xff);
                if (length < 2 || length > MAX_FRAME) {
                    broken = true;
                    throw new BrokenStreamException("frame length " + length + " outside 2.." + MAX_FRAME);
                }
                if (all.length - at - 4 < length) {
                    break;
                }
                int start = at + 4;
                frames.add(new Frame(all[start] & 0xff, all[start + 1] & 0xff,
                        Arrays.copyOfRange(all, start + 2, start + (int) length)));
                at = start + (int) length;
            }
            pending.reset();
            pending.write(all, at, all.length - at);
            return frames;
        }

        /** Bytes held of a frame not yet complete (at most {@link #MAX_FRAME} + 3). */
        public int buffered() {
            return pending.size();
        }
    }
}
