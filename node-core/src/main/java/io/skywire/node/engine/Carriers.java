package io.skywire.node.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of this node that carry link datagrams (see {@link Carrier}): after every input the engine
 * pumps them, feeding the datagrams that arrived over a route to their link and moving what a carried
 * link has to send into its route while the route has credit, which is that link's back-pressure. A
 * virtual link lives and dies with its route; a one-way link's return route can be replaced.
 */
final class Carriers {

    /** Hands a datagram that arrived over a route to the link it belongs to, as if received on that link. */
    interface Receiver {
        void receive(long now, LinkState link, byte[] datagram, int length);
    }

    /** A one-way link's return tag as a map key. */
    private record Tag(long hi, long lo) {
        static Tag of(byte[] bytes, int at) {
            return new Tag(DatagramCodec.getLong(bytes, at), DatagramCodec.getLong(bytes, at + 8));
        }
    }

    private final EngineState state;
    private final DataPlane data;
    private final RouteControl control;
    private final Receiver receiver;
    private final List<Carrier> carriers = new ArrayList<>();
    /** This node's one-way links by the tag their far end puts on what it sends back. */
    private final Map<Tag, LinkState> oneWayLinks = new HashMap<>();
    private final AckCounter ackCounter = new AckCounter();
    private byte[] scratch = new byte[0];
    private byte[] outBuffer = new byte[0];

    Carriers(EngineState state, DataPlane data, RouteControl control, Receiver receiver) {
        this.state = state;
        this.data = data;
        this.control = control;
        this.receiver = receiver;
    }

    /** Makes {@code route} (an established, store-and-forward end) carry the virtual link {@code link}. */
    void addVirtualLink(Route route, LinkState link) {
        link.carried = true;
        link.virtual = true;
        add(new Carrier(route, Carrier.Role.VIRTUAL_LINK, link, null));
    }

    /** Sends what {@code linkId} (which cannot send) has to send over {@code handle}, tagged with {@code tag}. */
    void sendReturnsOver(RouteHandle handle, LinkId linkId, byte[] tag) {
        Route route = carrierEnd(handle);
        LinkState link = existingLink(linkId);
        checkTag(tag);
        for (Carrier carrier : carriers) {
            if (carrier.link == link) {
                throw new IllegalArgumentException("link " + link.id + " already sends over a route");
            }
        }
        link.carried = true;
        add(new Carrier(route, Carrier.Role.RETURN_SENDER, link, tag));
    }

    /** Accepts what the far ends of this node's one-way links send back over {@code handle}. */
    void acceptReturnsOver(RouteHandle handle) {
        add(new Carrier(carrierEnd(handle), Carrier.Role.RETURN_RECEIVER, null, null));
    }

    /** Declares {@code linkId} one-way: what its far end sends comes back over a route, tagged {@code tag}. */
    void expectReturns(LinkId linkId, byte[] tag) {
        LinkState link = existingLink(linkId);
        Tag key = Tag.of(checkTag(tag), 0);
        LinkState existing = oneWayLinks.get(key);
        if (existing != null && existing != link) {
            throw new IllegalArgumentException("return tag already used by link " + existing.id);
        }
        oneWayLinks.put(key, link);
    }

    private LinkState existingLink(LinkId link) {
        LinkState linkState = state.link(link);
        if (linkState == null || linkState.virtual) {
            throw new IllegalArgumentException("no link " + link + " to the driver");
        }
        return linkState;
    }

    private static byte[] checkTag(byte[] tag) {
        if (tag.length != Carrier.TAG_BYTES) {
            throw new IllegalArgumentException("a return tag is " + Carrier.TAG_BYTES + " bytes");
        }
        return tag;
    }

    /** An established, store-and-forward route end that carries nothing yet. */
    Route carrierEnd(RouteHandle handle) {
        Route route = state.routes.get(handle.value());
        if (route == null || route.role == Route.Role.TRANSIT || route.closed || !route.established) {
            throw new IllegalArgumentException("no established route end " + handle);
        }
        if (route.cutThrough()) {
            throw new IllegalArgumentException("a cut-through route loses payloads and cannot carry a link");
        }
        if (route.carrier != null) {
            throw new IllegalArgumentException("route " + handle + " already carries link datagrams");
        }
        return route;
    }

    private void add(Carrier carrier) {
        if (carrier.route.carrier != null) {
            throw new IllegalArgumentException("route already carries link datagrams");
        }
        carrier.route.carrier = carrier;
        carriers.add(carrier);
    }

    /** Forgets a link that was removed: its one-way tags, and the route of a virtual link, which is closed. */
    void linkRemoved(LinkState link) {
        oneWayLinks.values().removeIf(l -> l == link);
        for (int i = carriers.size() - 1; i >= 0; i--) {
            Carrier carrier = carriers.get(i);
            if (carrier.link == link) {
                carriers.remove(i);
                carrier.route.carrier = null;
                if (carrier.role == Carrier.Role.VIRTUAL_LINK && !carrier.route.closed) {
                    control.close(carrier.route);
                }
            }
        }
    }

    /** Moves datagrams between carried links and their routes until nothing more moves now. */
    void pump(long now) {
        boolean again = !carriers.isEmpty();
        while (again) {
            again = false;
            for (int i = 0; i < carriers.size(); i++) {
                Carrier carrier = carriers.get(i);
                if (carrier.route.closed) {
                    carriers.remove(i--);
                    routeGone(carrier);
                    again = true;
                    continue;
                }
                byte[] payload;
                while ((payload = carrier.inbound.pollFirst()) != null) {
                    again = true;
                    if (!carrier.read(payload, (kind, header, datagram) -> deliver(now, carrier, kind, header,
                            datagram))) {
                        state.counters.increment(Counter.CARRIER_MALFORMED);
                        carrier.inbound.clear();
                        control.close(carrier.route);
                        break;
                    }
                }
                transmit(now, carrier);
            }
        }
    }

    private void routeGone(Carrier carrier) {
        LinkState link = carrier.link;
        if (carrier.role == Carrier.Role.VIRTUAL_LINK) {
            // The link has no other way to its peer: remove it, failing the routes over it.
            if (state.removeLink(link.id) == link) {
                link.markDead();
                state.emit(new NodeEvent.LinkDown(link.id));
                control.linkDown(link);
            }
        } else if (link != null) {
            // A return route was lost: the link's datagrams go to the driver again until another is given.
            link.carried = false;
        }
    }

    private void deliver(long now, Carrier carrier, int kind, byte[] header, byte[] datagram) {
        LinkState link;
        if (kind == Carrier.VIRTUAL) {
            link = carrier.link;
            state.counters.increment(Counter.VIRTUAL_DATAGRAMS_RECEIVED);
        } else {
            link = oneWayLinks.get(Tag.of(header, 1));
            if (link == null || state.link(link.id) != link) {
                state.counters.increment(Counter.RETURN_UNKNOWN_LINK);
                return;
            }
            state.counters.increment(Counter.RETURN_DATAGRAMS_RECEIVED);
            ackCounter.count(datagram, state.counters);
        }
        receiver.receive(now, link, datagram, datagram.length);
        link.datagramHandled(now, false);
    }

    /** Sends what the carried link has while its route has credit for a full payload. */
    private void transmit(long now, Carrier carrier) {
        LinkState link = carrier.link;
        if (link == null || !link.carried || link.dead) {
            return;
        }
        int room = data.maxPayload(carrier.route);
        if (scratch.length < link.mtu) {
            scratch = new byte[link.mtu];
        }
        if (outBuffer.length != room) {
            outBuffer = new byte[room];
        }
        while (data.canAccept(carrier.route, room)) {
            // The data plane seals a copy, so one buffer serves every payload.
            byte[] out = outBuffer;
            int pos = 0;
            while (pos < room) {
                if (carrier.hasPending()) {
                    pos = carrier.drainPending(out, pos);
                    continue;
                }
                int length = link.poll(now, scratch);
                if (length == 0) {
                    break;
                }
                carrier.startRecord(scratch, length);
                state.counters.increment(carrier.role == Carrier.Role.VIRTUAL_LINK
                        ? Counter.VIRTUAL_DATAGRAMS_SENT : Counter.RETURN_DATAGRAMS_SENT);
            }
            if (pos == 0) {
                return;
            }
            data.send(now, carrier.route, pos == room ? out : Arrays.copyOf(out, pos));
        }
    }

    /** Counts the ACK and CREDIT frames of a datagram that came back over a return route. */
    private static final class AckCounter implements DatagramCodec.FrameVisitor {
        private NodeCounters counters;

        void count(byte[] datagram, NodeCounters into) {
            counters = into;
            try {
                // Checked whole first, as the link will: nothing in a malformed datagram is counted.
                DatagramCodec.walk(datagram, datagram.length, null);
                DatagramCodec.walk(datagram, datagram.length, this);
            } catch (DecodeException e) {
                // The link refuses it and counts it as malformed.
            }
        }

        @Override
        public void ack(long largest, long ackDelayMicros, byte[] buf, int bitmapAt, int bitmapLength) {
            counters.increment(Counter.RETURN_ACKS);
        }

        @Override
        public void data(long routeHi, long routeLo, long offset, byte[] buf, int payloadAt, int length) {
        }

        @Override
        public void credit(long routeHi, long routeLo, long limit) {
            counters.increment(Counter.RETURN_CREDITS);
        }

        @Override
        public void other(Frame frame) {
        }
    }
}
