package io.skywire.node.runtime;

import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.TransportAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses a node's own record lists: its bound addresses, and for a socket bound to the wildcard every
 * address of that IP version on an interface that is up (0.0.0.0 is no address another node can dial); loopback
 * only when the machine has nothing else (a test network). At most the 8 a record may carry.
 */
final class SelfAddresses {

    private SelfAddresses() {
    }

    static List<TransportAddress> of(InetSocketAddress udp, InetSocketAddress tcp) throws SocketException {
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
        return List.copyOf(listed);
    }

    private static void add(List<TransportAddress> listed, TransportAddress address) {
        if (listed.size() < NodeRecordCodec.MAX_ADDRESSES && !listed.contains(address) && !address.isUnusable()) {
            listed.add(address);
        }
    }

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
        return global.isEmpty() ? loopback : global;
    }
}
