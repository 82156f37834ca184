package io.skywire.node.engine;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.payment.PaymentPolicy;

/**
 * One node's protocol engine, sans I/O: the driver feeds it datagrams, timeouts and application calls
 * with the current time, and pulls from it the datagrams to transmit (per link, when that link's
 * transmitter is free), the events for the application, and the next deadline. It reads no clock,
 * opens no socket, starts no thread, and takes randomness only from its {@link EntropySource}; hostile
 * input is refused and counted in {@link #counters()}, never thrown.
 */
public final class NodeEngine {

    /**
     * Default MTU of a virtual link: its datagrams are split across the carrier route's payloads anyway, so a
     * large one packs many frames per datagram and costs fewer acknowledgements (docs/PROTOCOL.md 2.6).
     */
    public static final int VIRTUAL_MTU = 16_384;

    private final EngineState state;
    private final DataPlane data;
    private final RouteControl control;
    private final FrameReceiver receiver;
    private final Carriers carriers;
    private final PaymentPlane payments;
    private long nextHousekeeping = Long.MIN_VALUE;

    public NodeEngine(EngineConfig config, Secp256k1 curve, byte[] staticSecret, EntropySource random) {
        this.state = new EngineState(config, curve, staticSecret, random);
        this.data = new DataPlane(state);
        this.payments = new PaymentPlane(state);
        this.control = new RouteControl(state, payments);
        this.receiver = new FrameReceiver(state, data, control, payments);
        this.carriers = new Carriers(state, data, control, this::receive);
        state.onRemoved = payments::closed;
    }

    /** This node's static public key (compressed). */
    public byte[] publicKey() {
        return state.publicKey.clone();
    }

    /** Counters of traffic and refused input. */
    public NodeCounters counters() {
        return state.counters;
    }

    /** Route payload bytes this node holds now (queued, in flight or waiting for reordering). */
    public long bufferedBytes() {
        return state.bufferedBytes;
    }

    /** The most route payload bytes this node ever held at once. */
    public long peakBufferedBytes() {
        return state.peakBufferedBytes;
    }

    /** Buffer bytes reserved by the routes this node holds (two directions each); a bound of {@link #bufferedBytes}. */
    public long reservedBufferBytes() {
        return state.reservedBytes;
    }

    /** Routes held at this node in any role. */
    public int routeCount() {
        return state.routes.size();
    }

    /** A copy of every route held at this node, in any role, oldest first (for status displays, not per packet). */
    public java.util.List<RouteView> routeViews() {
        java.util.List<RouteView> views = new java.util.ArrayList<>(state.routes.size());
        for (Route route : state.routes.values()) {
            if (!route.closed) {
                views.add(RouteView.of(route));
            }
        }
        return java.util.List.copyOf(views);
    }

    /** Smoothed RTT of a link in nanoseconds (the initial RTO before the first sample). */
    public long smoothedRtt(LinkId link) {
        LinkState linkState = state.link(link);
        return linkState == null ? 0 : linkState.smoothedRtt();
    }

    /**
     * Makes {@code policy} decide this node's price and how far it forwards each paid route (null: forward for
     * free, without limit); set it before routes arrive.
     */
    public void usePaymentPolicy(PaymentPolicy policy) {
        state.paymentPolicy = policy;
    }

    /**
     * At the origin of an established paid route, sends {@code message} sealed to hop {@code hop} (0 is the first
     * after the origin) in a PAYMENT frame; false when the route or hop is not a paid one of this origin.
     */
    public boolean sendPayment(long now, RouteHandle handle, int hop, byte[] message) {
        tick(now);
        Route route = state.routes.get(handle.value());
        return route != null && payments.send(route, hop, message);
    }

    /** At the origin of a paid route, hop {@code hop}'s 16-byte payment salt (see PaymentSeal), or null. */
    public byte[] paymentSalt(RouteHandle handle, int hop) {
        Route route = state.routes.get(handle.value());
        return route == null ? null : payments.salt(route, hop);
    }

    /**
     * At a route's end, the sealed payload bytes it has sent (accepted by {@link #send}) and received: what every
     * hop of the route forwards, so what the origin pays for; 0 for an unknown route.
     */
    public long chargeableBytes(RouteHandle handle) {
        Route route = state.routes.get(handle.value());
        return route == null ? 0 : route.sealedSent + route.sealedReceived;
    }

    /** Adds a link to a neighbour with the given static key; the driver has authenticated it. */
    public void addLink(LinkId link, byte[] peerKey, int mtu) {
        addLink(link, peerKey, mtu, 0);
    }

    /**
     * Adds a link with a first RTT estimate (the link handshake's round trip, say), so the first losses are
     * recovered at the link's pace rather than after the conservative initial timeout; 0 means none.
     */
    public void addLink(LinkId link, byte[] peerKey, int mtu, long rttHintNanos) {
        LinkState linkState = newLink(link, peerKey, mtu);
        if (rttHintNanos > 0) {
            linkState.seedRtt(rttHintNanos);
        }
        state.addLink(linkState);
    }

    private LinkState newLink(LinkId link, byte[] peerKey, int mtu) {
        if (mtu < DatagramCodec.MIN_MTU || mtu > 65_535) {
            throw new IllegalArgumentException("MTU must be " + DatagramCodec.MIN_MTU + "..65535, was " + mtu);
        }
        if (peerKey.length != Secp256k1.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("peer key must be a compressed public key");
        }
        if (state.links.containsKey(link)) {
            throw new IllegalArgumentException("link " + link + " already exists");
        }
        return new LinkState(link, peerKey, mtu, state.config, state.counters, data);
    }

    /** Adds a virtual link with the default MTU; see {@link #addVirtualLink(long, LinkId, RouteHandle, byte[], int)}. */
    public void addVirtualLink(long now, LinkId link, RouteHandle route, byte[] peerKey) {
        addVirtualLink(now, link, route, peerKey, VIRTUAL_MTU);
    }

    /**
     * Makes an established route a link to its other end, {@code peerKey}, which does the same with its end of
     * the route: the link's datagrams travel inside the route (any MTU: they are records of the route's byte
     * stream), so routes set up over this link cost the route's middle hops nothing. The route then belongs to
     * the link: the application can no longer send on it, closing it removes the link, and removing the link
     * closes it. The caller vouches for {@code peerKey}, as for a driver's link (docs/PROTOCOL.md 2.6).
     */
    public void addVirtualLink(long now, LinkId link, RouteHandle route, byte[] peerKey, int mtu) {
        tick(now);
        Route carrier = carriers.carrierEnd(route);
        LinkState linkState = newLink(link, peerKey, mtu);
        state.addLink(linkState);
        carriers.addVirtualLink(carrier, linkState);
        carriers.pump(now);
    }

    /**
     * Declares {@code link} one-way, this node to its peer: what the peer sends on it (acknowledgements, credit,
     * confirmations) comes back over a route ending here (see {@link #acceptReturnsOver}), led by {@code tag},
     * a 16-byte secret both ends of the link were given by their drivers (docs/PROTOCOL.md 2.7).
     */
    public void expectReturns(LinkId link, byte[] tag) {
        carriers.expectReturns(link, tag);
    }

    /** Accepts, on this established route end, what the far ends of this node's one-way links send back. */
    public void acceptReturnsOver(long now, RouteHandle route) {
        tick(now);
        carriers.acceptReturnsOver(route);
        carriers.pump(now);
    }

    /**
     * Sends everything {@code link} has to send, since the link cannot send itself, over the established route
     * {@code route} to the link's peer, led by {@code tag}; the driver then gets nothing to transmit on it. If
     * the route ends, the link's datagrams go to the driver again until another route is given.
     */
    public void sendReturnsOver(long now, LinkId link, RouteHandle route, byte[] tag) {
        tick(now);
        carriers.sendReturnsOver(route, link, tag);
        carriers.pump(now);
    }

    /**
     * Sets how much of {@code link} this node's forwarding may use: pacing at the link's capacity and a cap on
     * forwarded payloads (see {@link LinkShare}); the node's own routes always go first. False for an unknown link.
     */
    public boolean shareLink(LinkId link, LinkShare share) {
        LinkState linkState = state.link(link);
        if (linkState == null) {
            return false;
        }
        linkState.share(share);
        return true;
    }

    /** Removes a link; routes over it fail and their other sides are told. */
    public void removeLink(long now, LinkId link) {
        tick(now);
        LinkState linkState = state.removeLink(link);
        if (linkState == null) {
            return;
        }
        linkState.markDead();
        control.linkDown(linkState);
        carriers.linkRemoved(linkState);
        carriers.pump(now);
    }

    /** Opens a route along {@code spec.path()}; the outcome arrives as RouteEstablished or RouteFailed. */
    public RouteHandle openRoute(long now, RouteSpec spec) {
        tick(now);
        RouteHandle handle = control.open(now, spec);
        carriers.pump(now);
        return handle;
    }

    /** Queues a payload on a route end; {@link SendResult#WOULD_BLOCK} is back-pressure. */
    public SendResult send(long now, RouteHandle handle, byte[] payload) {
        tick(now);
        Route route = state.routes.get(handle.value());
        if (route == null || route.role == Route.Role.TRANSIT || route.carrier != null) {
            return SendResult.CLOSED;
        }
        SendResult result = data.send(now, route, payload);
        carriers.pump(now);
        return result;
    }

    /** The largest payload {@link #send} accepts on this route, or 0 for an unknown route. */
    public int maxPayload(RouteHandle handle) {
        Route route = state.routes.get(handle.value());
        return route == null || route.role == Route.Role.TRANSIT ? 0 : data.maxPayload(route);
    }

    /** Tears a route down from either end; buffered payloads are discarded. */
    public void closeRoute(long now, RouteHandle handle) {
        tick(now);
        Route route = state.routes.get(handle.value());
        if (route != null && route.role != Route.Role.TRANSIT) {
            control.close(route);
        }
        carriers.pump(now);
    }

    /** Handles one plaintext datagram received on {@code link}. */
    public void handleDatagram(long now, LinkId link, byte[] datagram) {
        handleDatagram(now, link, datagram, datagram.length);
    }

    /**
     * Handles the plaintext datagram in the first {@code length} bytes of {@code buffer}; the engine keeps no
     * reference to the buffer, so the driver may reuse it when this returns.
     */
    public void handleDatagram(long now, LinkId link, byte[] buffer, int length) {
        tick(now);
        LinkState linkState = state.link(link);
        if (linkState == null || linkState.virtual) {
            state.counters.increment(Counter.DATAGRAMS_UNKNOWN_LINK);
            return;
        }
        receive(now, linkState, buffer, length);
        carriers.pump(now);
    }

    /** Handles one datagram of {@code linkState}, from the driver or from the route that carries the link. */
    private void receive(long now, LinkState linkState, byte[] buffer, int length) {
        long packetNumber;
        try {
            // The whole datagram is checked before any frame in it is acted on.
            packetNumber = DatagramCodec.walk(buffer, length, null);
        } catch (DecodeException e) {
            state.counters.increment(Counter.DATAGRAMS_MALFORMED);
            return;
        }
        switch (linkState.received.classify(packetNumber)) {
            case OUTSIDE -> {
                state.counters.increment(Counter.DATAGRAMS_OUTSIDE_WINDOW);
                return;
            }
            case DUPLICATE -> {
                state.counters.increment(Counter.DATAGRAMS_DUPLICATE);
                // Our acknowledgement was probably lost; repeat it.
                linkState.duplicateReceived();
                return;
            }
            default -> { }
        }
        boolean afterGap = packetNumber != linkState.received.largest() + 1;
        linkState.received.record(packetNumber, now);
        state.counters.increment(Counter.DATAGRAMS_RECEIVED);
        state.counters.add(Counter.BYTES_RECEIVED, length);
        linkState.dead = false;
        receiver.receive(now, linkState, buffer, length);
        linkState.datagramHandled(now, afterGap);
    }

    /** Runs every timer due at {@code now}. */
    public void handleTimeout(long now) {
        tick(now);
        for (LinkState link : state.linkArray()) {
            if (link.nextTimeout() <= now && link.onTimeout(now)) {
                state.counters.increment(Counter.LINKS_DEAD);
                state.emit(new NodeEvent.LinkDown(link.id));
                control.linkDown(link);
            }
        }
        if (now >= nextHousekeeping) {
            control.housekeeping(now);
            data.sweepBlocks(now);
            nextHousekeeping = now + state.config.housekeepingNanos();
        }
        carriers.pump(now);
    }

    /** The next datagram to transmit on {@code link}, or null; call when the link's transmitter is free. */
    public byte[] pollTransmit(long now, LinkId link) {
        tick(now);
        LinkState linkState = state.link(link);
        return linkState == null || linkState.carried ? null : linkState.poll(now);
    }

    /**
     * Writes the next datagram to transmit on {@code link} into {@code buffer} and returns its length, or 0 when
     * there is none; {@code buffer} must hold the link's MTU. Drivers that recycle buffers use this instead of
     * {@link #pollTransmit(long, LinkId)}, which allocates a datagram each time.
     */
    public int pollTransmit(long now, LinkId link, byte[] buffer) {
        tick(now);
        LinkState linkState = state.link(link);
        if (linkState == null || linkState.carried) {
            return 0;
        }
        if (buffer.length < linkState.mtu) {
            throw new IllegalArgumentException("buffer smaller than the link MTU " + linkState.mtu);
        }
        return linkState.poll(now, buffer);
    }

    /** The next event for the application, or null. */
    public NodeEvent pollEvent() {
        return state.events.pollFirst();
    }

    /** The earliest time {@link #handleTimeout} must be called, or Long.MAX_VALUE. */
    public long nextTimeout() {
        long next = nextHousekeeping == Long.MIN_VALUE ? Long.MAX_VALUE : nextHousekeeping;
        for (LinkState link : state.linkArray()) {
            next = Math.min(next, link.nextTimeout());
        }
        return next;
    }

    private void tick(long now) {
        if (nextHousekeeping == Long.MIN_VALUE) {
            nextHousekeeping = now + state.config.housekeepingNanos();
        }
    }
}
