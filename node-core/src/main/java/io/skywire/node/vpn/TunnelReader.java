package io.skywire.node.vpn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sans-I/O reader of one lane's byte stream after its hello: bytes in (split or joined however the route
 * delivered them), whole checked frames out. A breach (unknown type, a length outside the type's bounds, a packet
 * that is not valid IPv4) throws {@link MalformedPacketException}: the lane is unusable and its owner closes it.
 * It holds at most one frame's bytes.
 */
public final class TunnelReader {

    private byte[] pending = new byte[0];

    /** Frames completed by {@code bytes}. */
    public List<TunnelFrame> read(byte[] bytes) throws MalformedPacketException {
        byte[] data = pending.length == 0 ? bytes : concat(pending, bytes);
        ByteBuffer in = ByteBuffer.wrap(data);
        List<TunnelFrame> frames = new ArrayList<>();
        while (in.remaining() >= TunnelFrame.HEADER) {
            int start = in.position();
            int type = data[start] & 0xff;
            int length = Ipv4Packet.u16(data, start + 1);
            check(type, length);
            if (in.remaining() < TunnelFrame.HEADER + length) {
                break;
            }
            int body = start + TunnelFrame.HEADER;
            frames.add(decode(type, data, body, length));
            in.position(body + length);
        }
        pending = in.hasRemaining() ? Arrays.copyOfRange(data, in.position(), data.length) : new byte[0];
        return frames;
    }

    private static void check(int type, int length) throws MalformedPacketException {
        switch (type) {
            case TunnelFrame.TYPE_ASSIGN -> {
                if (length != TunnelFrame.ASSIGN_BODY) {
                    throw new MalformedPacketException("ASSIGN of " + length + " bytes");
                }
            }
            case TunnelFrame.TYPE_PACKET -> {
                if (length < Ipv4Packet.MIN_HEADER) {
                    throw new MalformedPacketException("PACKET of " + length + " bytes");
                }
            }
            case TunnelFrame.TYPE_REFUSED -> {
                if (length != 1) {
                    throw new MalformedPacketException("REFUSED of " + length + " bytes");
                }
            }
            default -> throw new MalformedPacketException("unknown tunnel frame type " + type);
        }
    }

    private static TunnelFrame decode(int type, byte[] data, int body, int length) throws MalformedPacketException {
        switch (type) {
            case TunnelFrame.TYPE_ASSIGN -> {
                ByteBuffer in = ByteBuffer.wrap(data, body, length);
                int client = in.getInt();
                int gateway = in.getInt();
                int prefix = in.get() & 0xff;
                int mtu = in.getShort() & 0xffff;
                try {
                    return new TunnelFrame.Assign(client, gateway, prefix, mtu);
                } catch (IllegalArgumentException e) {
                    throw new MalformedPacketException(e.getMessage());
                }
            }
            case TunnelFrame.TYPE_PACKET -> {
                Ipv4Packet header = Ipv4Packet.parse(data, body, length);
                return new TunnelFrame.Packet(Arrays.copyOfRange(data, body, body + length), header);
            }
            default -> {
                return new TunnelFrame.Refused(TunnelFrame.Reason.of(data[body] & 0xff));
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
