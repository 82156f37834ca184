package io.skywire.node.vpn;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The first 19 bytes of every IP-tunnel lane (docs/PROTOCOL.md 9.1): the route kind byte {@code 0x12}, the version,
 * which lane this is, and the client's session id. A client opens a bulk lane (which gets the address) and a
 * real-time lane for small packets; the session id, random and inside the routes' end-to-end sealing, tells the
 * gateway that both are one client, since it sees only each route's previous hop.
 *
 * @param lane    {@link #LANE_BULK} or {@link #LANE_REALTIME}
 * @param session 16 random bytes, as two big-endian longs
 */
public record TunnelHello(int lane, Session session) {

    /** The route kind: the first byte of a route (or group stream) that carries IP packets. */
    public static final int KIND = 0x12;
    public static final int VERSION = 1;
    public static final int BYTES = 19;
    public static final int LANE_BULK = 0;
    public static final int LANE_REALTIME = 1;

    /** A client's session id; value semantics for map keys. */
    public record Session(long high, long low) {
        public static Session random(RandomGenerator random) {
            return new Session(random.nextLong(), random.nextLong());
        }

        @Override
        public String toString() {
            return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
        }
    }

    public TunnelHello {
        if (lane != LANE_BULK && lane != LANE_REALTIME) {
            throw new IllegalArgumentException("lane " + lane);
        }
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).put((byte) KIND).put((byte) VERSION).put((byte) lane)
                .putLong(session.high()).putLong(session.low()).array();
    }

    /** Reads a hello from the first {@link #BYTES} of {@code bytes}. */
    public static TunnelHello decode(byte[] bytes) throws MalformedPacketException {
        if (bytes.length < BYTES) {
            throw new MalformedPacketException("a tunnel hello is " + BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int kind = in.get() & 0xff;
        int version = in.get() & 0xff;
        int lane = in.get() & 0xff;
        if (kind != KIND) {
            throw new MalformedPacketException("route kind " + kind + " is not an IP tunnel");
        }
        if (version != VERSION) {
            throw new MalformedPacketException("tunnel version " + version);
        }
        if (lane != LANE_BULK && lane != LANE_REALTIME) {
            throw new MalformedPacketException("lane " + lane);
        }
        return new TunnelHello(lane, new Session(in.getLong(), in.getLong()));
    }
}
