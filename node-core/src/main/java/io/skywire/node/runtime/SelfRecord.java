package io.skywire.node.runtime;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.identity.NodeKeyPair;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This node's own signed record: its bound addresses (every interface address when bound to the wildcard, since
 * 0.0.0.0 is no address another node can dial), no price yet, its UDP pacing rate as capacity. Records carry an
 * absolute expiry, so the record is signed again with a higher sequence number at half its lifetime. The sequence
 * number starts from the wall clock in milliseconds, so a restarted node's record replaces the one it left behind.
 */
final class SelfRecord {

    /** How long a record is valid. */
    static final long LIFETIME_SECONDS = 3_600;
    /** Most addresses listed (the record format allows 8). */
    private static final int MAX_ADDRESSES = NodeRecordCodec.MAX_ADDRESSES;

    private final NodeKeyPair keys;
    private final List<TransportAddress> addresses;
    private final long capacity;
    private NodeRecord current;

    SelfRecord(NodeKeyPair keys, InetSocketAddress udp, InetSocketAddress tcp, long capacity) throws SocketException {
        this.keys = keys;
        this.capacity = capacity;
        List<TransportAddress> listed = new ArrayList<>();
        if (udp != null) {
            for (InetAddress ip : usable(udp.getAddress())) {
                add(listed, TransportAddress.of(new InetSocketAddress(ip, udp.getPort()), true));
            }
        }
        if (tcp != null) {
            for (InetAddress ip : usable(tcp.getAddress())) {
                add(listed, TransportAddress.of(new InetSocketAddress(ip, tcp.getPort()), false));
            }
        }
        this.addresses = List.copyOf(listed);
    }

    /** Signs a new record (sequence above the last one) valid from {@code nowMillis} for the lifetime. */
    NodeRecord renew(long nowMillis) {
        long sequence = current == null ? nowMillis : Math.max(current.sequence() + 1, nowMillis);
        RecordContent content = RecordContent.forwarder(keys.nodeId(), sequence,
                nowMillis / 1000 + LIFETIME_SECONDS, addresses, 0, capacity);
        current = NodeRecordCodec.sign(keys, content);
        return current;
    }

    /** The record signed last, or null before the first {@link #renew}. */
    NodeRecord current() {
        return current;
    }

    /** When the current record should be replaced: half its lifetime before expiry (wall-clock millis). */
    long renewAtMillis() {
        return current == null ? 0 : (current.expirySeconds() - LIFETIME_SECONDS / 2) * 1000;
    }

    List<TransportAddress> addresses() {
        return addresses;
    }

    private static void add(List<TransportAddress> listed, TransportAddress address) {
        if (listed.size() < MAX_ADDRESSES && !listed.contains(address) && !address.isUnusable()) {
            listed.add(address);
        }
    }

    /** The bound address itself, or for the wildcard every address of the family on an interface that is up. */
    private static List<InetAddress> usable(InetAddress bound) throws SocketException {
        if (!bound.isAnyLocalAddress()) {
            return List.of(bound);
        }
        boolean ipv4Only = bound instanceof Inet4Address;
        List<InetAddress> global = new ArrayList<>();
        List<InetAddress> loopback = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress ip : Collections.list(nic.getInetAddresses())) {
                if ((ipv4Only && !(ip instanceof Inet4Address)) || ip.isLinkLocalAddress()) {
                    continue;
                }
                (ip.isLoopbackAddress() ? loopback : global).add(ip);
            }
        }
        // A machine with no other address can still be reached on loopback (a test network).
        return global.isEmpty() ? loopback : global;
    }
}
