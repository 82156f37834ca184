package io.skywire.node.stream;

import java.nio.ByteBuffer;

/**
 * Encodes and decodes stream frames: type (1), stream id (4), body length (2), body. The decoder reads from a
 * buffer that may hold partial frames (a route is a byte stream and splits payloads anywhere), checks every
 * length against the type's limits before reading, and refuses anything malformed with
 * {@link StreamProtocolException}.
 */
public final class StreamCodec {

    /** Bytes before a frame's body. */
    public static final int HEADER_BYTES = 7;
    /** Largest DATA body; bigger writes are split. */
    public static final int MAX_DATA = 16_384;
    /** Largest body of any frame. */
    public static final int MAX_BODY = MAX_DATA;

    static final int OPEN = 0x01;
    static final int OPENED = 0x02;
    static final int DATA = 0x03;
    static final int FIN = 0x04;
    static final int RESET = 0x05;
    static final int WINDOW = 0x06;
    static final int PING = 0x07;
    static final int PONG = 0x08;
    /** The lowest and highest frame type: a route whose first byte lies between carries streams. */
    public static final int FIRST_TYPE = OPEN;
    public static final int LAST_TYPE = PONG;
    /** Smallest PING/PONG body. */
    public static final int MIN_PING_BODY = 8;

    private StreamCodec() {
    }

    /** The frame's bytes. */
    public static byte[] encode(StreamFrame frame) {
        byte[] body = body(frame);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.length);
        out.put((byte) typeOf(frame)).putInt(frame.streamId()).putShort((short) body.length).put(body);
        return out.array();
    }

    private static int typeOf(StreamFrame frame) {
        if (frame instanceof StreamFrame.Open) {
            return OPEN;
        } else if (frame instanceof StreamFrame.Opened) {
            return OPENED;
        } else if (frame instanceof StreamFrame.Data) {
            return DATA;
        } else if (frame instanceof StreamFrame.Fin) {
            return FIN;
        } else if (frame instanceof StreamFrame.Reset) {
            return RESET;
        } else if (frame instanceof StreamFrame.Probe probe) {
            return probe.reply() ? PONG : PING;
        }
        return WINDOW;
    }

    private static byte[] body(StreamFrame frame) {
        if (frame instanceof StreamFrame.Open open) {
            StreamTarget target = open.target();
            byte[] address = target.address();
            boolean named = target.kind() == StreamTarget.Kind.DOMAIN;
            ByteBuffer body = ByteBuffer.allocate(7 + (named ? 1 : 0) + address.length);
            body.putInt(open.window()).putShort((short) target.port()).put((byte) target.kind().code());
            if (named) {
                body.put((byte) address.length);
            }
            return body.put(address).array();
        } else if (frame instanceof StreamFrame.Opened opened) {
            return ByteBuffer.allocate(4).putInt(opened.window()).array();
        } else if (frame instanceof StreamFrame.Data data) {
            byte[] bytes = data.bytes();
            if (bytes.length == 0 || bytes.length > MAX_DATA) {
                throw new IllegalArgumentException("DATA carries 1.." + MAX_DATA + " bytes");
            }
            return bytes;
        } else if (frame instanceof StreamFrame.Fin) {
            return new byte[0];
        } else if (frame instanceof StreamFrame.Reset reset) {
            return new byte[] {(byte) reset.reason().code()};
        } else if (frame instanceof StreamFrame.Probe probe) {
            return probeBody(probe.body());
        }
        return ByteBuffer.allocate(4).putInt(((StreamFrame.WindowUpdate) frame).increment()).array();
    }

    private static byte[] probeBody(byte[] body) {
        if (body.length < MIN_PING_BODY || body.length > MAX_BODY) {
            throw new IllegalArgumentException("PING and PONG carry " + MIN_PING_BODY + ".." + MAX_BODY + " bytes");
        }
        return body;
    }

    /**
     * Decodes the next frame from {@code in}, or returns null (consuming nothing) when the buffer does not hold a
     * whole frame yet.
     *
     * @throws StreamProtocolException for a malformed frame; the buffer's position is then undefined
     */
    public static StreamFrame decode(ByteBuffer in) throws StreamProtocolException {
        if (in.remaining() < HEADER_BYTES) {
            return null;
        }
        int start = in.position();
        int type = in.get(start) & 0xff;
        int streamId = in.getInt(start + 1);
        int length = in.getShort(start + 5) & 0xffff;
        if (type < OPEN || type > PONG) {
            throw new StreamProtocolException("unknown frame type " + type);
        }
        if (streamId <= 0) {
            throw new StreamProtocolException("stream id must be in 1..2^31-1, was " + Integer.toUnsignedString(streamId));
        }
        if (length > MAX_BODY) {
            throw new StreamProtocolException("body of " + length + " bytes exceeds " + MAX_BODY);
        }
        if (in.remaining() < HEADER_BYTES + length) {
            return null;
        }
        in.position(start + HEADER_BYTES);
        ByteBuffer body = in.slice(in.position(), length);
        in.position(in.position() + length);
        return switch (type) {
            case OPEN -> decodeOpen(streamId, body);
            case OPENED -> new StreamFrame.Opened(streamId, window(exact(body, 4, "OPENED").getInt()));
            case DATA -> {
                if (length == 0) {
                    throw new StreamProtocolException("empty DATA");
                }
                byte[] bytes = new byte[length];
                body.get(bytes);
                yield new StreamFrame.Data(streamId, bytes);
            }
            case FIN -> {
                exact(body, 0, "FIN");
                yield new StreamFrame.Fin(streamId);
            }
            case RESET -> {
                int code = exact(body, 1, "RESET").get() & 0xff;
                ResetReason reason = ResetReason.ofCode(code);
                if (reason == null) {
                    throw new StreamProtocolException("unknown reset reason " + code);
                }
                yield new StreamFrame.Reset(streamId, reason);
            }
            case PING, PONG -> {
                if (length < MIN_PING_BODY) {
                    throw new StreamProtocolException((type == PING ? "PING" : "PONG") + " body below "
                            + MIN_PING_BODY + " bytes");
                }
                byte[] bytes = new byte[length];
                body.get(bytes);
                yield new StreamFrame.Probe(streamId, type == PONG, bytes);
            }
            default -> new StreamFrame.WindowUpdate(streamId, window(exact(body, 4, "WINDOW").getInt()));
        };
    }

    private static ByteBuffer exact(ByteBuffer body, int length, String name) throws StreamProtocolException {
        if (body.remaining() != length) {
            throw new StreamProtocolException(name + " body must be " + length + " bytes, was " + body.remaining());
        }
        return body;
    }

    private static int window(int value) throws StreamProtocolException {
        if (value <= 0) {
            throw new StreamProtocolException("window must be in 1..2^31-1, was " + Integer.toUnsignedString(value));
        }
        return value;
    }

    private static StreamFrame decodeOpen(int streamId, ByteBuffer body) throws StreamProtocolException {
        if (body.remaining() < 8) {
            throw new StreamProtocolException("OPEN body too short");
        }
        int window = window(body.getInt());
        int port = body.getShort() & 0xffff;
        int kindCode = body.get() & 0xff;
        if (port == 0) {
            throw new StreamProtocolException("OPEN to port 0");
        }
        StreamTarget.Kind kind = switch (kindCode) {
            case 1 -> StreamTarget.Kind.IPV4;
            case 3 -> StreamTarget.Kind.DOMAIN;
            case 4 -> StreamTarget.Kind.IPV6;
            default -> throw new StreamProtocolException("unknown address kind " + kindCode);
        };
        int addressLength = switch (kind) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN -> body.get() & 0xff;
        };
        if (body.remaining() != addressLength) {
            throw new StreamProtocolException("OPEN address length does not match its body");
        }
        byte[] address = new byte[addressLength];
        body.get(address);
        if (kind == StreamTarget.Kind.DOMAIN && !StreamTarget.validName(address)) {
            throw new StreamProtocolException("OPEN host name is empty or not printable ASCII");
        }
        return new StreamFrame.Open(streamId, window, new StreamTarget(kind, address, port));
    }
}
