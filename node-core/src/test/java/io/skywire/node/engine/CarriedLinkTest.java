package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes that carry link datagrams, between two engines: a virtual link over a one-hop route, and the
 * hostile or broken input such a route can bring (garbage records, unknown return tags), which is counted
 * and never thrown.
 */
class CarriedLinkTest {

    private static final LinkId VIRTUAL = new LinkId(500);
    private EnginePair pair;
    private RouteHandle carrier;
    private RouteHandle carrierAtB;

    @BeforeEach
    void establishCarrierRoute() throws DecodeException {
        pair = new EnginePair(33);
        carrier = pair.a.openRoute(pair.now, new RouteSpec(List.of(pair.b.publicKey()), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024));
        pair.exchange();
        assertThat(pair.aEvents).contains(new NodeEvent.RouteEstablished(carrier));
        carrierAtB = ((NodeEvent.RouteIncoming) pair.bEvents.get(0)).route();
        pair.aEvents.clear();
        pair.bEvents.clear();
    }

    private void bothEndsVirtual() {
        pair.a.addVirtualLink(pair.now, VIRTUAL, carrier, pair.b.publicKey());
        pair.b.addVirtualLink(pair.now, VIRTUAL, carrierAtB, pair.a.publicKey());
    }

    private static byte[] record(int kind, byte[] tag, byte[] datagram) {
        int header = 1 + (tag == null ? 0 : tag.length) + 2;
        byte[] out = new byte[header + datagram.length];
        out[0] = (byte) kind;
        if (tag != null) {
            System.arraycopy(tag, 0, out, 1, tag.length);
        }
        DatagramCodec.putShort(out, header - 2, datagram.length);
        System.arraycopy(datagram, 0, out, header, datagram.length);
        return out;
    }

    /** A one-hop route from a to b, over whichever link a uses to reach b. */
    private RouteHandle openRouteToB() {
        return pair.a.openRoute(pair.now, new RouteSpec(List.of(pair.b.publicKey()), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 32 * 1024));
    }

    private long countAtB(Counter counter) {
        return pair.b.counters().get(counter);
    }

    @Test
    void aRouteOverTheVirtualLinkCarriesPayloadsBothWays() throws DecodeException {
        bothEndsVirtual();
        // The virtual link to b hides the driver's link to b, so this route is set up inside the carrier.
        RouteHandle inner = openRouteToB();
        pair.exchange();
        assertThat(pair.aEvents).contains(new NodeEvent.RouteEstablished(inner));
        RouteHandle innerAtB = pair.bEvents.stream().filter(NodeEvent.RouteIncoming.class::isInstance)
                .map(e -> ((NodeEvent.RouteIncoming) e).route()).findFirst().orElseThrow();
        byte[] big = new byte[pair.a.maxPayload(inner)];
        new SplittableRandom(1).nextBytes(big);
        for (int i = 0; i < 20; i++) {
            assertThat(pair.a.send(pair.now, inner, big)).isEqualTo(SendResult.ACCEPTED);
            pair.exchange();
        }
        assertThat(pair.b.send(pair.now, innerAtB, new byte[] {7, 7})).isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
        assertThat(pair.bEvents.stream().filter(e -> e instanceof NodeEvent.Delivered d && d.route().equals(innerAtB)
                && Arrays.equals(d.payload(), big))).hasSize(20);
        assertThat(pair.aEvents).anyMatch(e -> e instanceof NodeEvent.Delivered d && d.route().equals(inner)
                && Arrays.equals(d.payload(), new byte[] {7, 7}));
        // The carrier's own payloads never reach the application; its ends route them to the link.
        assertThat(pair.bEvents).noneMatch(e -> e instanceof NodeEvent.Delivered d && d.route().equals(carrierAtB));
        assertThat(pair.a.counters().get(Counter.VIRTUAL_DATAGRAMS_SENT)).isPositive();
        assertThat(countAtB(Counter.VIRTUAL_DATAGRAMS_RECEIVED)).isPositive();
        assertThat(pair.a.routeCount()).isEqualTo(2);
    }

    @Test
    void theDriverCannotUseAVirtualLinkNorTheApplicationItsRoute() {
        bothEndsVirtual();
        assertThat(pair.a.pollTransmit(pair.now, VIRTUAL)).isNull();
        assertThat(pair.a.pollTransmit(pair.now, VIRTUAL, new byte[NodeEngine.VIRTUAL_MTU])).isZero();
        pair.b.handleDatagram(pair.now, VIRTUAL, EnginePair.datagram(0, new Frame.Keepalive(new RouteId(1, 1))));
        assertThat(countAtB(Counter.DATAGRAMS_UNKNOWN_LINK)).isEqualTo(1);
        assertThat(pair.a.send(pair.now, carrier, new byte[10])).isEqualTo(SendResult.CLOSED);
    }

    @Test
    void closingTheCarrierRemovesTheVirtualLinkAndFailsItsRoutes() throws DecodeException {
        bothEndsVirtual();
        RouteHandle inner = openRouteToB();
        pair.exchange();
        pair.aEvents.clear();
        pair.bEvents.clear();
        pair.a.closeRoute(pair.now, carrier);
        pair.exchange();
        assertThat(pair.aEvents).contains(new NodeEvent.LinkDown(VIRTUAL));
        assertThat(pair.aEvents).anyMatch(e -> e instanceof NodeEvent.RouteFailed f && f.route().equals(inner));
        assertThat(pair.bEvents).contains(new NodeEvent.LinkDown(VIRTUAL));
        assertThat(pair.a.routeCount()).isZero();
        assertThat(pair.b.routeCount()).isZero();
        // The driver's link to b serves new routes again.
        RouteHandle direct = openRouteToB();
        pair.exchange();
        assertThat(pair.aEvents).contains(new NodeEvent.RouteEstablished(direct));
    }

    @Test
    void removingTheVirtualLinkClosesItsCarrier() throws DecodeException {
        bothEndsVirtual();
        pair.a.removeLink(pair.now, VIRTUAL);
        pair.exchange();
        assertThat(pair.aEvents).anyMatch(e -> e instanceof NodeEvent.RouteClosed c && c.route().equals(carrier));
        assertThat(pair.bEvents).contains(new NodeEvent.LinkDown(VIRTUAL));
        assertThat(pair.b.routeCount()).isZero();
    }

    @Test
    void garbageFromTheCarriersFarEndIsCountedAndClosesTheVirtualLink() throws DecodeException {
        // Only b treats the route as a link; a, its other end, sends whatever it likes.
        pair.b.addVirtualLink(pair.now, VIRTUAL, carrierAtB, pair.a.publicKey());
        byte[] junk = new byte[300];
        new SplittableRandom(5).nextBytes(junk);
        junk[0] = 0x42;
        assertThat(pair.a.send(pair.now, carrier, junk)).isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
        assertThat(countAtB(Counter.CARRIER_MALFORMED)).isEqualTo(1);
        assertThat(pair.bEvents).contains(new NodeEvent.LinkDown(VIRTUAL));
        assertThat(pair.aEvents).anyMatch(e -> e instanceof NodeEvent.RouteClosed c && c.route().equals(carrier));
    }

    @Test
    void aWellFramedRecordWithAGarbageDatagramIsDroppedAndTheLinkGoesOn() throws DecodeException {
        pair.b.addVirtualLink(pair.now, VIRTUAL, carrierAtB, pair.a.publicKey());
        byte[] junk = new byte[200];
        new SplittableRandom(6).nextBytes(junk);
        junk[0] = 0x7F;
        byte[] twoRecords = new byte[0];
        for (byte[] datagram : new byte[][] {junk, EnginePair.datagram(0, new Frame.Keepalive(new RouteId(3, 4)))}) {
            byte[] r = record(Carrier.VIRTUAL, null, datagram);
            byte[] joined = Arrays.copyOf(twoRecords, twoRecords.length + r.length);
            System.arraycopy(r, 0, joined, twoRecords.length, r.length);
            twoRecords = joined;
        }
        // Split mid-header, so the record stream is reassembled across payloads.
        assertThat(pair.a.send(pair.now, carrier, Arrays.copyOf(twoRecords, 2))).isEqualTo(SendResult.ACCEPTED);
        assertThat(pair.a.send(pair.now, carrier, Arrays.copyOfRange(twoRecords, 2, twoRecords.length)))
                .isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
        assertThat(countAtB(Counter.VIRTUAL_DATAGRAMS_RECEIVED)).isEqualTo(2);
        assertThat(countAtB(Counter.DATAGRAMS_MALFORMED)).isEqualTo(1);
        // The second, valid datagram reached the link (its route id is unknown there).
        assertThat(countAtB(Counter.FRAMES_UNKNOWN_ROUTE)).isEqualTo(1);
        assertThat(countAtB(Counter.CARRIER_MALFORMED)).isZero();
        assertThat(pair.bEvents).doesNotContain(new NodeEvent.LinkDown(VIRTUAL));
    }

    @Test
    void aReturnDatagramForAnUnknownOneWayLinkIsCountedAndDropped() throws DecodeException {
        byte[] tag = new byte[Carrier.TAG_BYTES];
        Arrays.fill(tag, (byte) 9);
        pair.b.expectReturns(EnginePair.LINK, tag);
        pair.b.acceptReturnsOver(pair.now, carrierAtB);
        byte[] ack = EnginePair.datagram(0, new Frame.Ack(0, 0, new byte[0]));
        byte[] wrongTag = tag.clone();
        wrongTag[15] = 1;
        assertThat(pair.a.send(pair.now, carrier, record(Carrier.RETURN, wrongTag, ack))).isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
        assertThat(countAtB(Counter.RETURN_UNKNOWN_LINK)).isEqualTo(1);
        assertThat(countAtB(Counter.RETURN_DATAGRAMS_RECEIVED)).isZero();
        // The stream goes on: a record under the right tag reaches the link, and its ACK is counted.
        // (A packet number ahead of a's own on the link, but not so far that a's next ones fall out of b's window.)
        long ahead = pair.a.counters().get(Counter.DATAGRAMS_SENT) + 200;
        assertThat(pair.a.send(pair.now, carrier, record(Carrier.RETURN, tag,
                EnginePair.datagram(ahead, new Frame.Ack(0, 0, new byte[0]))))).isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
        assertThat(countAtB(Counter.RETURN_DATAGRAMS_RECEIVED)).isEqualTo(1);
        assertThat(countAtB(Counter.RETURN_ACKS)).isEqualTo(1);
        // A virtual-link record on a return route is a broken stream.
        assertThat(pair.a.send(pair.now, carrier, record(Carrier.VIRTUAL, null, ack))).isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
        assertThat(countAtB(Counter.CARRIER_MALFORMED)).isEqualTo(1);
    }

    @Test
    void routesThatCannotCarryALinkAreRefused() {
        assertThatThrownBy(() -> pair.a.addVirtualLink(pair.now, VIRTUAL, new RouteHandle(999), pair.b.publicKey()))
                .isInstanceOf(IllegalArgumentException.class);
        RouteHandle cutThrough = pair.a.openRoute(pair.now, new RouteSpec(List.of(pair.b.publicKey()), QosClass.BULK,
                ForwardingMode.CUT_THROUGH, 32 * 1024));
        assertThatThrownBy(() -> pair.a.addVirtualLink(pair.now, VIRTUAL, cutThrough, pair.b.publicKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pair.a.sendReturnsOver(pair.now, EnginePair.LINK, carrier, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
        pair.a.addVirtualLink(pair.now, VIRTUAL, carrier, pair.b.publicKey());
        assertThatThrownBy(() -> pair.a.acceptReturnsOver(pair.now, carrier))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
