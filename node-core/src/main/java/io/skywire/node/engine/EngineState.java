package io.skywire.node.engine;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.payment.PaymentPolicy;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The state one node's engine parts share: links, routes, the route table, buffers, events and counters. */
final class EngineState {

    final EngineConfig config;
    final NodeCounters counters = new NodeCounters();
    final Secp256k1 curve;
    final Aead aead = new Aead();
    final EntropySource random;
    final byte[] staticSecret;
    final byte[] publicKey;
    // Small at first: a simulator holds thousands of engines, most with a handful of routes; it grows by doubling.
    final RouteTable<RouteLeg> table = new RouteTable<>(16);
    // Insertion-ordered maps everywhere the engine iterates, so that a seeded run is reproducible.
    final Map<LinkId, LinkState> links = new LinkedHashMap<>();
    final Map<ByteBuffer, LinkState> linksByPeer = new LinkedHashMap<>();
    /**
     * The links whose id is a small number, by id: drivers number links densely from 0, and this lookup
     * happens for every datagram sent and received, where hashing a record cost more than the rest.
     */
    private final LinkState[] smallIds = new LinkState[SMALL_LINK_IDS];
    private static final int SMALL_LINK_IDS = 256;
    /** The links in insertion order, as an array: the driver asks every node's next deadline after each event. */
    private LinkState[] linkArray = new LinkState[0];
    final Map<Long, Route> routes = new LinkedHashMap<>();
    final ArrayDeque<NodeEvent> events = new ArrayDeque<>();
    private final byte[] idBytes = new byte[RouteId.BYTES];
    private long nextHandle = 1;
    long bufferedBytes;
    long peakBufferedBytes;
    long reservedBytes;
    /** Decides the allowance of paid routes through this node; null forwards paid routes without limit. */
    PaymentPolicy paymentPolicy;
    /** Called for every route forgotten (its payment state ends with it). */
    Consumer<Route> onRemoved = route -> { };

    EngineState(EngineConfig config, Secp256k1 curve, byte[] staticSecret, EntropySource random) {
        this.config = config;
        this.curve = curve;
        this.staticSecret = staticSecret.clone();
        this.publicKey = curve.publicKey(staticSecret);
        this.random = random;
    }

    /** The link with this id, or null. */
    LinkState link(LinkId id) {
        int value = id.value();
        return value >= 0 && value < SMALL_LINK_IDS ? smallIds[value] : links.get(id);
    }

    /** Every link, in the order they were added; do not modify. */
    LinkState[] linkArray() {
        return linkArray;
    }

    void addLink(LinkState link) {
        links.put(link.id, link);
        linkArray = links.values().toArray(new LinkState[0]);
        linksByPeer.put(ByteBuffer.wrap(link.peerKey), link);
        if (link.id.value() >= 0 && link.id.value() < SMALL_LINK_IDS) {
            smallIds[link.id.value()] = link;
        }
    }

    /** Removes the link with this id and returns it, or null. */
    LinkState removeLink(LinkId id) {
        LinkState link = links.remove(id);
        if (link != null) {
            linkArray = links.values().toArray(new LinkState[0]);
            ByteBuffer peer = ByteBuffer.wrap(link.peerKey);
            if (linksByPeer.remove(peer, link)) {
                // A virtual link may have hidden a driver's link to the same peer; that one serves again.
                for (LinkState other : linkArray) {
                    if (ByteBuffer.wrap(other.peerKey).equals(peer)) {
                        linksByPeer.put(peer, other);
                        break;
                    }
                }
            }
            if (id.value() >= 0 && id.value() < SMALL_LINK_IDS) {
                smallIds[id.value()] = null;
            }
        }
        return link;
    }

    void emit(NodeEvent event) {
        events.addLast(event);
    }

    void addBuffered(long delta) {
        bufferedBytes += delta;
        if (bufferedBytes > peakBufferedBytes) {
            peakBufferedBytes = bufferedBytes;
        }
    }

    LinkState linkTo(byte[] peerKey) {
        LinkState link = linksByPeer.get(ByteBuffer.wrap(peerKey));
        return link == null || link.dead ? null : link;
    }

    /** Reserves both directions' buffers of a new route, or returns false when the node is full. */
    boolean reserve(int bufferBytes) {
        long needed = 2L * bufferBytes;
        if (routes.size() >= config.maxRoutes() || reservedBytes + needed > config.maxNodeBufferBytes()) {
            return false;
        }
        reservedBytes += needed;
        return true;
    }

    Route newRoute(Route.Role role, QosClass qos, ForwardingMode mode, int bufferBytes, long now) {
        Route route = new Route(new RouteHandle(nextHandle++), role, qos, mode, bufferBytes, now);
        routes.put(route.handle.value(), route);
        return route;
    }

    /** Adds a leg on {@code link} under a fresh id that this node chooses and enters in its table. */
    RouteLeg addLeg(Route route, LinkState link) {
        long hi;
        long lo;
        do {
            random.nextBytes(idBytes);
            hi = DatagramCodec.getLong(idBytes, 0);
            lo = DatagramCodec.getLong(idBytes, 8);
        } while ((hi == 0 && lo == 0) || table.contains(link.id.value(), hi, lo));
        RouteLeg leg = new RouteLeg(route, link, hi, lo);
        leg.perSender = config.buffers().perSender();
        table.put(link.id.value(), hi, lo, leg);
        return leg;
    }

    /** Forgets a route: its table entries, its buffered bytes and its reservation. */
    void removeRoute(Route route) {
        if (route.closed) {
            return;
        }
        route.closed = true;
        closeLeg(route.up);
        closeLeg(route.down);
        reservedBytes -= 2L * route.bufferBytes;
        routes.remove(route.handle.value());
        onRemoved.accept(route);
        if (route.meteredTotal != route.bytesForwarded + route.bytesSent + route.bytesReceived) {
            emit(new NodeEvent.Metering(route.handle, route.bytesForwarded, route.bytesSent, route.bytesReceived));
        }
    }

    private void closeLeg(RouteLeg leg) {
        if (leg == null) {
            return;
        }
        leg.closed = true;
        table.remove(leg.link.id.value(), leg.myHi, leg.myLo);
        leg.link.inbound.forget(leg);
        addBuffered(-(leg.heldBytes + leg.reorderBytes));
        leg.heldBytes = 0;
        leg.reorderBytes = 0;
        leg.queue.clear();
        leg.reorder = null;
    }
}
