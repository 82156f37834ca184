package io.skywire.node.engine;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route life cycle at one node: layered setup, confirmation back to the origin, errors relayed
 * to the origin with their reason, teardown, keep-alive and expiry, and failing routes over a dead link.
 */
final class RouteControl {

    private static final Logger LOG = LoggerFactory.getLogger(RouteControl.class);

    /** Where a setup came from, to tell a link-layer retransmission from a replay. */
    private record SeenSetup(LinkId link, RouteId route) {
    }

    private final EngineState state;
    private final PaymentPlane payments;
    private final Map<RouteId, SeenSetup> seenSetups;

    RouteControl(EngineState state, PaymentPlane payments) {
        this.state = state;
        this.payments = payments;
        int memory = state.config.replayMemory();
        this.seenSetups = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<RouteId, SeenSetup> eldest) {
                return size() > memory;
            }
        };
    }

    RouteHandle open(long now, RouteSpec spec) {
        if (spec.bufferBytes() > state.config.maxRouteBufferBytes()) {
            throw new IllegalArgumentException("route buffer above this node's maximum");
        }
        LinkState link = state.linkTo(spec.path().get(0));
        Route route = state.newRoute(Route.Role.ORIGIN, spec.qos(), spec.mode(), spec.bufferBytes(), now);
        state.counters.increment(Counter.ROUTES_OPENED);
        if (link == null) {
            fail(route, FailureReason.NEXT_HOP_UNREACHABLE, false);
            return route.handle;
        }
        int setupBytes = DatagramCodec.HEADER_BYTES + 1 + RouteId.BYTES + 2 + SetupOnion.size(spec.path().size(),
                spec.prices().size());
        if (setupBytes > link.mtu) {
            throw new IllegalArgumentException("a " + spec.path().size() + "-hop setup does not fit the link MTU");
        }
        if (!state.reserve(spec.bufferBytes())) {
            fail(route, FailureReason.NO_CAPACITY, false);
            return route.handle;
        }
        SetupOnion.Built built = SetupOnion.build(state.curve, state.aead, state.random, spec.path(), spec.qos(),
                spec.mode(), spec.bufferBytes(), spec.prices());
        if (spec.paid()) {
            route.hopPaymentKeys = built.paymentKeys();
            route.hopPaymentCounters = new long[built.paymentKeys().length];
        }
        route.sendKey = built.sendKey();
        route.receiveKey = built.receiveKey();
        route.expectedProof = built.proof();
        route.setupDeadline = now + state.config.setupTimeoutNanos();
        route.down = state.addLeg(route, link);
        link.sendControl(new Frame.Setup(new RouteId(route.down.myHi, route.down.myLo), built.onion()));
        return route.handle;
    }

    void onSetup(long now, LinkState link, Frame.Setup setup) {
        byte[] onion = setup.onion();
        // The ephemeral key leads the onion in clear; checking it first also spares an ECDH per replay.
        RouteId replayKey = onion.length >= 17
                ? new RouteId(DatagramCodec.getLong(onion, 1), DatagramCodec.getLong(onion, 9)) : null;
        SeenSetup seen = replayKey == null ? null : seenSetups.get(replayKey);
        if (seen != null) {
            if (!seen.link().equals(link.id) || !seen.route().equals(setup.route())) {
                state.counters.increment(Counter.SETUP_REPLAYED);
                link.sendControl(new Frame.Error(setup.route(), FailureReason.REFUSED));
            }
            // Otherwise the previous hop resent a setup whose acknowledgement was lost: already handled.
            return;
        }
        SetupOnion.Layer layer;
        try {
            layer = SetupOnion.peel(state.curve, state.aead, state.staticSecret, onion);
        } catch (DecodeException e) {
            state.counters.increment(Counter.SETUP_MALFORMED);
            LOG.debug("refused setup on {}: {}", link.id, e.getMessage());
            link.sendControl(new Frame.Error(setup.route(), FailureReason.MALFORMED));
            return;
        }
        seenSetups.put(replayKey, new SeenSetup(link.id, setup.route()));
        FailureReason refusal = admit(layer, link);
        if (refusal != null) {
            state.counters.increment(Counter.SETUP_REFUSED);
            link.sendControl(new Frame.Error(setup.route(), refusal));
            return;
        }
        if (layer.destination()) {
            Route route = state.newRoute(Route.Role.DESTINATION, layer.qos(), layer.mode(), layer.bufferBytes(), now);
            route.up = state.addLeg(route, link);
            route.up.setPeer(setup.route().hi(), setup.route().lo());
            route.sendKey = layer.destinationToOrigin();
            route.receiveKey = layer.originToDestination();
            route.established = true;
            link.sendControl(new Frame.Confirm(setup.route(), new RouteId(route.up.myHi, route.up.myLo), layer.proof()));
            state.emit(new NodeEvent.RouteIncoming(route.handle));
            return;
        }
        LinkState next = state.linkTo(layer.nextHop());
        Route route = state.newRoute(Route.Role.TRANSIT, layer.qos(), layer.mode(), layer.bufferBytes(), now);
        route.up = state.addLeg(route, link);
        route.up.setPeer(setup.route().hi(), setup.route().lo());
        route.down = state.addLeg(route, next);
        payments.opened(route, layer);
        next.sendControl(new Frame.Setup(new RouteId(route.down.myHi, route.down.myLo), layer.inner()));
    }

    /** Checks a setup against this node's limits and links; reserves its buffers when it is admitted. */
    private FailureReason admit(SetupOnion.Layer layer, LinkState from) {
        if (!layer.destination()) {
            LinkState next = state.linkTo(layer.nextHop());
            if (next == null || next == from) {
                return FailureReason.NEXT_HOP_UNREACHABLE;
            }
            if (DatagramCodec.HEADER_BYTES + 1 + RouteId.BYTES + 2 + layer.inner().length > next.mtu) {
                return FailureReason.MALFORMED;
            }
        }
        if (layer.bufferBytes() > state.config.maxRouteBufferBytes()) {
            return FailureReason.REFUSED;
        }
        FailureReason price = payments.admit(layer);
        if (price != null) {
            return price;
        }
        return state.reserve(layer.bufferBytes()) ? null : FailureReason.NO_CAPACITY;
    }

    void onConfirm(long now, RouteLeg leg, Frame.Confirm confirm) {
        Route route = leg.route;
        if (leg != route.down) {
            state.counters.increment(Counter.CONFIRM_INVALID);
            return;
        }
        route.lastActivity = now;
        if (leg.peerKnown) {
            if (leg.peerHi != confirm.newRoute().hi() || leg.peerLo != confirm.newRoute().lo()) {
                state.counters.increment(Counter.CONFIRM_INVALID);
            }
            return;
        }
        if (route.role == Route.Role.ORIGIN && !MessageDigest.isEqual(confirm.proof(), route.expectedProof)) {
            // Someone other than the destination answered: the route cannot carry sealed payloads.
            state.counters.increment(Counter.CONFIRM_INVALID);
            leg.link.sendControl(new Frame.Teardown(confirm.newRoute(), FailureReason.REFUSED));
            fail(route, FailureReason.REFUSED, true);
            return;
        }
        leg.setPeer(confirm.newRoute().hi(), confirm.newRoute().lo());
        leg.link.schedule(leg);
        if (route.role == Route.Role.ORIGIN) {
            route.established = true;
            state.emit(new NodeEvent.RouteEstablished(route.handle));
            return;
        }
        RouteLeg up = route.up;
        up.link.sendControl(new Frame.Confirm(up.peerId(), new RouteId(up.myHi, up.myLo), confirm.proof()));
    }

    void onError(long now, RouteLeg leg, Frame.Error error) {
        Route route = leg.route;
        if (leg != route.down) {
            state.counters.increment(Counter.FRAMES_UNKNOWN_ROUTE);
            return;
        }
        if (route.role == Route.Role.TRANSIT) {
            route.up.link.sendControl(new Frame.Error(route.up.peerId(), error.reason()));
            state.removeRoute(route);
            return;
        }
        fail(route, error.reason(), true);
    }

    void onTeardown(long now, RouteLeg leg, Frame.Teardown teardown) {
        Route route = leg.route;
        RouteLeg other = route.other(leg);
        if (other != null && other.peerKnown) {
            other.link.sendControl(new Frame.Teardown(other.peerId(), teardown.reason()));
        }
        end(route, teardown.reason());
    }

    void onKeepalive(long now, RouteLeg leg) {
        Route route = leg.route;
        route.lastActivity = now;
        RouteLeg other = route.other(leg);
        if (other != null && other.peerKnown) {
            other.link.sendControl(new Frame.Keepalive(other.peerId()));
        } else if (route.role == Route.Role.DESTINATION) {
            // Echo, so that the hops and the origin see the route alive in both directions.
            leg.link.sendControl(new Frame.Keepalive(leg.peerId()));
        }
    }

    void close(Route route) {
        RouteLeg leg = route.endLeg();
        if (leg.peerKnown) {
            leg.link.sendControl(new Frame.Teardown(leg.peerId(), FailureReason.CLOSED));
        }
        end(route, FailureReason.CLOSED);
    }

    /** Fails every route over a dead or removed link, telling the route's other side why. */
    void linkDown(LinkState link) {
        List<Route> affected = new ArrayList<>();
        for (Route route : state.routes.values()) {
            if ((route.up != null && route.up.link == link) || (route.down != null && route.down.link == link)) {
                affected.add(route);
            }
        }
        for (Route route : affected) {
            boolean downstreamLost = route.down != null && route.down.link == link;
            if (route.role == Route.Role.TRANSIT) {
                RouteLeg other = downstreamLost ? route.up : route.down;
                if (other.peerKnown) {
                    other.link.sendControl(downstreamLost
                            ? new Frame.Error(other.peerId(), FailureReason.NEXT_HOP_UNREACHABLE)
                            : new Frame.Teardown(other.peerId(), FailureReason.LINK_DOWN));
                }
                state.removeRoute(route);
            } else {
                fail(route, downstreamLost ? FailureReason.NEXT_HOP_UNREACHABLE : FailureReason.LINK_DOWN, true);
            }
        }
    }

    /** Setup deadlines, expiry, keep-alives and metering, once per housekeeping period. */
    void housekeeping(long now) {
        List<Route> snapshot = new ArrayList<>(state.routes.values());
        for (Route route : snapshot) {
            if (route.role == Route.Role.ORIGIN && !route.established && now >= route.setupDeadline) {
                fail(route, FailureReason.TIMEOUT, true);
                continue;
            }
            if (now - route.lastActivity >= state.config.routeExpiryNanos()) {
                end(route, FailureReason.EXPIRED);
                continue;
            }
            if (route.role == Route.Role.ORIGIN && route.established
                    && now - Math.max(route.lastSent, route.lastActivity) >= state.config.keepaliveNanos()) {
                route.down.link.sendControl(new Frame.Keepalive(route.down.peerId()));
                route.lastSent = now;
            }
            long total = route.bytesForwarded + route.bytesSent + route.bytesReceived;
            if (total != route.meteredTotal) {
                route.meteredTotal = total;
                state.emit(new NodeEvent.Metering(route.handle, route.bytesForwarded, route.bytesSent,
                        route.bytesReceived));
            }
        }
    }

    private void end(Route route, FailureReason reason) {
        boolean failed = route.role == Route.Role.ORIGIN && !route.established;
        state.removeRoute(route);
        if (failed) {
            state.counters.increment(Counter.ROUTES_FAILED);
            state.emit(new NodeEvent.RouteFailed(route.handle, reason));
        } else if (route.role != Route.Role.TRANSIT) {
            state.emit(new NodeEvent.RouteClosed(route.handle, reason));
        }
    }

    private void fail(Route route, FailureReason reason, boolean reserved) {
        if (reserved) {
            state.removeRoute(route);
        } else {
            route.closed = true;
            state.routes.remove(route.handle.value());
        }
        state.counters.increment(Counter.ROUTES_FAILED);
        state.emit(new NodeEvent.RouteFailed(route.handle, reason));
    }
}
