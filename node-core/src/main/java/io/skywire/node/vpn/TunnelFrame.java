package io.skywire.node.vpn;

import java.nio.ByteBuffer;

/**
 * One frame of an IP-tunnel lane after its hello (docs/PROTOCOL.md 9.2): type (1), body length (2, BE), body.
 */
public sealed interface TunnelFrame {

    int HEADER = 3;
    int TYPE_ASSIGN = 0x01;
    int TYPE_PACKET = 0x02;
    int TYPE_REFUSED = 0x03;
    int ASSIGN_BODY = 11;

    /** The gateway gives the client its tunnel address, the gateway's own (also its DNS resolver) and the MTU. */
    record Assign(int clientAddress, int gatewayAddress, int prefix, int mtu) implements TunnelFrame {
        public Assign {
            if (prefix < 1 || prefix > 30 || mtu < 576 || mtu > 65_535) {
                throw new IllegalArgumentException("prefix " + prefix + " or MTU " + mtu + " out of range");
            }
        }

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(HEADER + ASSIGN_BODY).put((byte) TYPE_ASSIGN).putShort((short) ASSIGN_BODY)
                    .putInt(clientAddress).putInt(gatewayAddress).put((byte) prefix).putShort((short) mtu).array();
        }
    }

    /** One IPv4 packet, checked by {@link Ipv4Packet#parse} when decoded. */
    record Packet(byte[] bytes, Ipv4Packet header) implements TunnelFrame {
        @Override
        public byte[] encode() {
            return frame(bytes, 0, bytes.length);
        }
    }

    /** The gateway will not serve this lane; the route is closed after it. */
    record Refused(Reason reason) implements TunnelFrame {
        @Override
        public byte[] encode() {
            return new byte[] {TYPE_REFUSED, 0, 1, (byte) reason.code};
        }
    }

    /** Why a lane is refused. */
    enum Reason {
        NO_ADDRESS_FREE(1), UNKNOWN_SESSION(2), LANE_TAKEN(3), UNKNOWN(255);

        final int code;

        Reason(int code) {
            this.code = code;
        }

        static Reason of(int code) {
            for (Reason reason : values()) {
                if (reason.code == code) {
                    return reason;
                }
            }
            return UNKNOWN;
        }
    }

    /** The frame's bytes. */
    byte[] encode();

    /** A PACKET frame around {@code bytes[offset, offset + length)}, without parsing it again. */
    static byte[] frame(byte[] bytes, int offset, int length) {
        byte[] out = new byte[HEADER + length];
        out[0] = TYPE_PACKET;
        out[1] = (byte) (length >>> 8);
        out[2] = (byte) length;
        System.arraycopy(bytes, offset, out, HEADER, length);
        return out;
    }
}
