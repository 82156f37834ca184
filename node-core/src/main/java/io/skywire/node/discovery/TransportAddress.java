package io.skywire.node.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a node can be reached: a transport kind, the raw IP address bytes and a port. Raw bytes rather than
 * {@link InetAddress} so that records and DHT messages decode without name resolution and compare cheaply; the
 * simulator uses the same type with addresses it numbers itself.
 *
 * <p>Equality is by value; the hash is computed once, as addresses key the routing table's and rate limiter's maps.
 */
public final class TransportAddress {

    /** Transport and IP version of an address; {@link #code} is its byte on the wire. */
    public enum Kind {
        UDP4(1, 4), UDP6(2, 16), TCP4(3, 4), TCP6(4, 16);

        private final int code;
        private final int addressBytes;

        Kind(int code, int addressBytes) {
            this.code = code;
            this.addressBytes = addressBytes;
        }

        /** The kind's byte on the wire. */
        public int code() {
            return code;
        }

        /** Length of its IP address. */
        public int addressBytes() {
            return addressBytes;
        }

        /** The kind with this wire code, or null. */
        public static Kind fromCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }

        boolean udp() {
            return this == UDP4 || this == UDP6;
        }
    }

    private final Kind kind;
    private final byte[] address;
    private final int port;
    private final int hash;

    /**
     * @param kind    the transport and IP version
     * @param address 4 or 16 bytes as {@code kind} says; copied
     * @param port    1..65535
     * @throws IllegalArgumentException when the address length does not fit the kind or the port is outside 1..65535
     */
    public TransportAddress(Kind kind, byte[] address, int port) {
        Objects.requireNonNull(kind, "kind");
        if (address == null || address.length != kind.addressBytes) {
            throw new IllegalArgumentException(kind + " address must be " + kind.addressBytes + " bytes");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        this.kind = kind;
        this.address = address.clone();
        this.port = port;
        this.hash = (kind.hashCode() * 31 + Arrays.hashCode(address)) * 31 + port;
    }

    /** The transport and IP version. */
    public Kind kind() {
        return kind;
    }

    /** The port, 1..65535. */
    public int port() {
        return port;
    }

    /** A UDP or TCP address of a resolved socket address (IPv4 or IPv6 chosen by the address). */
    public static TransportAddress of(InetSocketAddress socket, boolean udp) {
        InetAddress ip = socket.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + socket);
        }
        byte[] raw = ip.getAddress();
        Kind kind = raw.length == 4 ? (udp ? Kind.UDP4 : Kind.TCP4) : (udp ? Kind.UDP6 : Kind.TCP6);
        return new TransportAddress(kind, raw, socket.getPort());
    }

    /** The socket address, for the runtime. */
    public InetSocketAddress toInetSocketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an IP address of checked length cannot be refused", e);
        }
    }

    /** A copy of the 4 or 16 address bytes. */
    public byte[] address() {
        return address.clone();
    }

    /** The address byte at {@code index}, without copying the address. */
    public int addressByte(int index) {
        return address[index] & 0xff;
    }

    void writeAddressBytes(java.nio.ByteBuffer out) {
        out.put(address);
    }

    /** Bytes on the wire: kind (1), address (4 or 16), port (2, BE). */
    public int encodedLength() {
        return 3 + address.length;
    }

    /** True for 127.0.0.0/8 and ::1. */
    public boolean isLoopback() {
        if (address.length == 4) {
            return address[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 1;
    }

    /** True for addresses no node can listen on: unspecified, multicast, IPv4 broadcast. */
    public boolean isUnusable() {
        if (address.length == 4) {
            int first = address[0] & 0xff;
            boolean zero = first == 0;
            boolean multicast = first >= 224 && first <= 239;
            boolean broadcast = (address[0] & address[1] & address[2] & address[3]) == (byte) 0xff;
            return zero || multicast || broadcast;
        }
        boolean allZero = true;
        for (byte b : address) {
            allZero &= b == 0;
        }
        return allZero || (address[0] & 0xff) == 0xff;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransportAddress that && kind == that.kind && port == that.port
                && Arrays.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String host = toInetSocketAddress().getAddress().getHostAddress();
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "://"
                + (address.length == 16 ? "[" + host + "]" : host) + ":" + port;
    }
}
