package io.skywire.node.vpn;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 prefix such as {@code 10.99.0.0/24}: the tunnel's address pool, the subnets a client sends into the
 * tunnel, the extra destinations a gateway's operator allows.
 *
 * @param network the network address as a big-endian int (host bits zero)
 * @param prefix  0..32
 */
public record Ipv4Subnet(int network, int prefix) {

    public Ipv4Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length " + prefix + " outside 0..32");
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + Ipv4Packet.address(network).getHostAddress()
                    + "/" + prefix);
        }
    }

    /** Parses {@code A.B.C.D/N} (a bare address is a /32). */
    public static Ipv4Subnet parse(String text) {
        String[] parts = text.strip().split("/", 2);
        if (!parts[0].matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "'");
        }
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
            return new Ipv4Subnet(Ipv4Packet.toInt(InetAddress.getByName(parts[0])), prefix);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "'", e);
        }
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Whether the address lies in this prefix. */
    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    /** The n-th address of the prefix (0 is the network address). */
    public int host(int n) {
        if (n < 0 || prefix < 32 && Integer.toUnsignedLong(n) >= 1L << (32 - prefix)) {
            throw new IllegalArgumentException("host " + n + " outside " + this);
        }
        return network + n;
    }

    /** How many addresses it holds. */
    public long size() {
        return 1L << (32 - prefix);
    }

    @Override
    public String toString() {
        return Ipv4Packet.address(network).getHostAddress() + "/" + prefix;
    }
}
