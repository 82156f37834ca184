package io.skywire.node.gateway;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Tells public internet addresses from the ones a gateway must never connect to for a stranger: its own host
 * and networks (loopback, RFC 1918, link-local, CGNAT, unique-local) and addresses that are not one host
 * (unspecified, multicast, broadcast, reserved). IPv6 forms that embed an IPv4 address are judged by it.
 */
public final class DestinationFilter {

    private DestinationFilter() {
    }

    /** Whether a gateway may connect to this address on a client's behalf. */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicV4(b) : isPublicV6(b);
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        boolean forbidden = a0 == 0                          // "this network", includes 0.0.0.0
                || a0 == 10                                  // RFC 1918
                || a0 == 127                                 // loopback
                || a0 == 100 && (a1 & 0xc0) == 64            // CGNAT 100.64/10
                || a0 == 169 && a1 == 254                    // link-local
                || a0 == 172 && (a1 & 0xf0) == 16            // RFC 1918
                || a0 == 192 && a1 == 168                    // RFC 1918
                || a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                || a0 == 198 && (a1 & 0xfe) == 18            // benchmarking 198.18/15
                || a0 >= 224;                                // multicast, reserved, broadcast
        return !forbidden;
    }

    private static boolean isPublicV6(byte[] b) {
        int first = b[0] & 0xff;
        if (first == 0xff || (first & 0xfe) == 0xfc) {
            return false;                                    // multicast, unique-local fc00::/7
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80 || first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return false;                                    // link-local fe80::/10, old site-local fec0::/10
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));  // IPv4-mapped
        }
        if (allZero(b, 0, 12)) {
            return false;                                    // ::, ::1 and deprecated IPv4-compatible
        }
        if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));  // NAT64 64:ff9b::/96
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicV4(Arrays.copyOfRange(b, 2, 6));    // 6to4 2002::/16
        }
        return true;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses an address literal without any lookup (tests, configuration). */
    static InetAddress literal(String text) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(text);
        return parsed instanceof Inet4Address ? parsed : InetAddress.getByAddress(parsed.getAddress());
    }
}
