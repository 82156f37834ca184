package io.skywire.node.vpn;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The parts of an IPv4 packet the tunnel decides on, read from bytes that were checked first: version 4, a header of
 * 20..60 bytes whose checksum holds, a total length equal to the bytes given. A packet from a TUN device or from a
 * peer is parsed before it is written anywhere, so a hostile client cannot make the gateway's kernel see a
 * malformed header, and the exit policy sees the real destination and port.
 *
 * @param protocol        the IP protocol number (1 ICMP, 6 TCP, 17 UDP)
 * @param source          source address as a big-endian int
 * @param destination     destination address as a big-endian int
 * @param headerLength    the IP header's length in bytes
 * @param totalLength     the packet's length in bytes
 * @param destinationPort the TCP or UDP destination port, or -1 (other protocols, non-first fragments)
 */
public record Ipv4Packet(int protocol, int source, int destination, int headerLength, int totalLength,
                         int destinationPort) {

    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final int MIN_HEADER = 20;
    public static final int MAX_LENGTH = 65_535;

    /**
     * Checks and reads the packet in {@code bytes[offset, offset + length)}.
     *
     * @throws MalformedPacketException with the reason when it is not a valid IPv4 packet of exactly that length
     */
    public static Ipv4Packet parse(byte[] bytes, int offset, int length) throws MalformedPacketException {
        if (length < MIN_HEADER) {
            throw new MalformedPacketException("an IPv4 packet has at least 20 bytes, got " + length);
        }
        int first = bytes[offset] & 0xff;
        if (first >> 4 != 4) {
            throw new MalformedPacketException("IP version " + (first >> 4) + ", not 4");
        }
        int headerLength = (first & 0x0f) * 4;
        if (headerLength < MIN_HEADER || headerLength > length) {
            throw new MalformedPacketException("header length " + headerLength + " outside 20.." + length);
        }
        int totalLength = u16(bytes, offset + 2);
        if (totalLength != length) {
            throw new MalformedPacketException("total length " + totalLength + " but " + length + " bytes");
        }
        if (checksum(bytes, offset, headerLength) != 0) {
            throw new MalformedPacketException("header checksum does not hold");
        }
        int protocol = bytes[offset + 9] & 0xff;
        int fragmentOffset = u16(bytes, offset + 6) & 0x1fff;
        int port = -1;
        if ((protocol == PROTOCOL_TCP || protocol == PROTOCOL_UDP) && fragmentOffset == 0
                && length >= headerLength + 4) {
            port = u16(bytes, offset + headerLength + 2);
        }
        return new Ipv4Packet(protocol, i32(bytes, offset + 12), i32(bytes, offset + 16), headerLength, totalLength,
                port);
    }

    /** {@link #parse(byte[], int, int)} over the whole array. */
    public static Ipv4Packet parse(byte[] bytes) throws MalformedPacketException {
        return parse(bytes, 0, bytes.length);
    }

    /**
     * The Internet checksum (RFC 1071) of {@code bytes[offset, offset + length)}: 0 over a header whose checksum
     * field is right, and the value to store when that field is zero.
     */
    public static int checksum(byte[] bytes, int offset, int length) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += u16(bytes, offset + i);
        }
        if (i < length) {
            sum += (bytes[offset + i] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The destination as an address (for the exit policy). */
    public InetAddress destinationAddress() {
        return address(destination);
    }

    /** The source as an address. */
    public InetAddress sourceAddress() {
        return address(source);
    }

    /** An address from its big-endian int. */
    public static Inet4Address address(int value) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** An IPv4 address's big-endian int. */
    public static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return i32(b, 0);
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }
}
