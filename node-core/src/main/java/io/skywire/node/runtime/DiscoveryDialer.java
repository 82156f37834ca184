package io.skywire.node.runtime;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.identity.NodeId;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which discovered nodes get a link: at most {@code max} dialled at once, never one already linked or being
 * dialled. A dial that has not produced a link within {@link #GIVE_UP_NANOS} (or a dialled link lost that long)
 * is stopped and the node left alone for {@link #RETRY_AFTER_NANOS}, so dead records do not keep the node
 * sending handshakes forever. Runs on the event loop.
 */
final class DiscoveryDialer {

    static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final long RETRY_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);

    private record Dial(InetSocketAddress address, long since) {
    }

    private final EngineDriver driver;
    private final UdpTransport udp;
    private final boolean enabled;
    private final int max;
    private final boolean ipv4Socket;
    private final Map<NodeId, Dial> dialled = new HashMap<>();
    private final Map<NodeId, Long> resting = new HashMap<>();

    DiscoveryDialer(EngineDriver driver, UdpTransport udp, boolean enabled, int max, InetSocketAddress bound) {
        this.driver = driver;
        this.udp = udp;
        this.enabled = enabled && bound != null;
        this.max = max;
        this.ipv4Socket = bound != null && bound.getAddress() instanceof Inet4Address;
    }

    /** Dials {@code record}'s node at {@code hint} (or its first UDP address we can reach) if a slot is free. */
    void consider(long now, NodeRecord record, InetSocketAddress hint) {
        NodeId id = record.nodeKey();
        if (!enabled || dialled.size() >= max || dialled.containsKey(id) || driver.hasLink(id)) {
            return;
        }
        Long restUntil = resting.get(id);
        if (restUntil != null && now < restUntil) {
            return;
        }
        resting.remove(id);
        InetSocketAddress address = hint != null ? hint : reachable(record);
        if (address != null && udp.dialIfIdle(id, address)) {
            dialled.put(id, new Dial(address, now));
        }
    }

    /** A link to a node we dialled came up: it keeps its slot while the link lasts. */
    void linked(NodeId id, long now) {
        Dial dial = dialled.get(id);
        if (dial != null) {
            dialled.put(id, new Dial(dial.address(), Long.MAX_VALUE));
        }
    }

    /** A link to a node we dialled went down: the transport redials it, for at most the give-up time. */
    void unlinked(NodeId id, long now) {
        Dial dial = dialled.get(id);
        if (dial != null) {
            dialled.put(id, new Dial(dial.address(), now));
        }
    }

    /** Stops dials that have not produced a link in time. */
    void expire(long now) {
        for (Iterator<Map.Entry<NodeId, Dial>> it = dialled.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<NodeId, Dial> entry = it.next();
            Dial dial = entry.getValue();
            if (dial.since() != Long.MAX_VALUE && now - dial.since() > GIVE_UP_NANOS
                    && !driver.hasLink(entry.getKey())) {
                udp.stopDialling(dial.address());
                resting.put(entry.getKey(), now + RETRY_AFTER_NANOS);
                it.remove();
            }
        }
        resting.values().removeIf(until -> now >= until);
    }

    int dialling() {
        return dialled.size();
    }

    /** The record's first UDP address this node's socket can send to, or null. */
    InetSocketAddress reachable(NodeRecord record) {
        for (TransportAddress address : record.addresses()) {
            boolean fits = ipv4Socket ? address.kind() == TransportAddress.Kind.UDP4
                    : address.kind() == TransportAddress.Kind.UDP4 || address.kind() == TransportAddress.Kind.UDP6;
            if (fits) {
                return address.toInetSocketAddress();
            }
        }
        return null;
    }
}
