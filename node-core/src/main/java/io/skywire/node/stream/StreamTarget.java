package io.skywire.node.stream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a stream should lead: a host name (resolved by the far end) or a literal IPv4 or IPv6 address, and a port.
 *
 * @param kind    how {@code address} is to be read
 * @param address 4 or 16 address bytes, or the ASCII host name (1..255 bytes)
 * @param port    TCP port, 1..65535
 */
public record StreamTarget(Kind kind, byte[] address, int port) {

    /** How a target names its host; the codes are those of SOCKS5's ATYP so the client can copy them. */
    public enum Kind {
        IPV4(1),
        DOMAIN(3),
        IPV6(4);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The code on the wire. */
        public int code() {
            return code;
        }
    }

    /** Longest host name (as in SOCKS5 and DNS). */
    public static final int MAX_NAME_BYTES = 255;

    public StreamTarget {
        Objects.requireNonNull(kind, "kind");
        address = address.clone();
        int expected = switch (kind) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN -> -1;
        };
        if (expected > 0 && address.length != expected) {
            throw new IllegalArgumentException(kind + " address must have " + expected + " bytes");
        }
        if (kind == Kind.DOMAIN && !validName(address)) {
            throw new IllegalArgumentException("host name must be 1.." + MAX_NAME_BYTES + " printable ASCII bytes");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
    }

    /** A target for a host given as text: an IPv4 or bracketless IPv6 literal, else a host name. */
    public static StreamTarget of(String host, int port) {
        if (host.indexOf(':') >= 0) {
            return new StreamTarget(Kind.IPV6, literal(host).getAddress(), port);
        }
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return new StreamTarget(Kind.IPV4, literal(host).getAddress(), port);
        }
        return new StreamTarget(Kind.DOMAIN, host.getBytes(StandardCharsets.US_ASCII), port);
    }

    private static InetAddress literal(String host) {
        try {
            // Literals only: InetAddress parses them without a lookup.
            InetAddress parsed = InetAddress.getByName(host);
            if (parsed instanceof Inet4Address || parsed instanceof Inet6Address) {
                return parsed;
            }
            throw new IllegalArgumentException("not an address literal: " + host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + host, e);
        }
    }

    /** Whether the bytes are an acceptable host name: printable ASCII without spaces. */
    static boolean validName(byte[] name) {
        if (name.length == 0 || name.length > MAX_NAME_BYTES) {
            return false;
        }
        for (byte b : name) {
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The host as text: the name, or the address literal. */
    public String host() {
        if (kind == Kind.DOMAIN) {
            return new String(address, StandardCharsets.US_ASCII);
        }
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address length was checked", e);
        }
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamTarget that && kind == that.kind && port == that.port
                && java.util.Arrays.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + java.util.Arrays.hashCode(address)) + port;
    }

    @Override
    public String toString() {
        return kind == Kind.IPV6 ? "[" + host() + "]:" + port : host() + ":" + port;
    }
}
