package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of hostile input is refused and counted, and nothing escapes the engine. */
class HostileInputTest {

    private EnginePair pair;
    private RouteHandle route;

    @BeforeEach
    void establishRoute() throws DecodeException {
        // The credit policy: its CREDIT and DATA_OVER_CREDIT checks are tested here, the per-sender policy's
        // hostile cases in PerSenderBufferTest.
        pair = new EnginePair(21, EngineConfig.defaults().withBuffers(BufferSettings.of(BufferPolicy.PER_ROUTE_CREDIT)));
        route = pair.a.openRoute(pair.now, new RouteSpec(List.of(pair.b.publicKey()), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 32 * 1024));
        pair.exchange();
        assertThat(pair.aEvents).contains(new NodeEvent.RouteEstablished(route));
        assertThat(pair.a.send(pair.now, route, new byte[100])).isEqualTo(SendResult.ACCEPTED);
        pair.exchange();
    }

    private long count(Counter counter) {
        return pair.b.counters().get(counter);
    }

    private void inject(byte[] datagram) {
        pair.b.handleDatagram(pair.now, EnginePair.LINK, datagram);
    }

    @Test
    void garbageIsCountedAsMalformed() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(0, 200)];
            random.nextBytes(junk);
            inject(junk);
        }
        assertThat(count(Counter.DATAGRAMS_MALFORMED)).isGreaterThan(1_900);
    }

    @Test
    void unknownRouteIdsAndIdsOfAnotherLinkAreRefused() {
        RouteId known = pair.forwardId();
        inject(EnginePair.datagram(1_000, new Frame.Data(new RouteId(1, 2), 0, new byte[10])));
        assertThat(count(Counter.FRAMES_UNKNOWN_ROUTE)).isEqualTo(1);
        // The same id arriving over another link is not that route: ids are per link.
        byte[] otherPeer = pair.curve.publicKey(pair.secret(new SplittableRandom(99)));
        pair.b.addLink(new LinkId(7), otherPeer, EngineConfig.DEFAULT_MTU);
        pair.b.handleDatagram(pair.now, new LinkId(7), EnginePair.datagram(0, new Frame.Data(known, 100, new byte[10])));
        assertThat(count(Counter.FRAMES_UNKNOWN_ROUTE)).isEqualTo(2);
    }

    @Test
    void datagramsOutsideTheWindowAndDuplicatesAreRefused() {
        RouteId known = pair.forwardId();
        long farAhead = 1L << 20;
        inject(EnginePair.datagram(farAhead, new Frame.Keepalive(known)));
        assertThat(count(Counter.DATAGRAMS_OUTSIDE_WINDOW)).isEqualTo(1);
        inject(EnginePair.datagram(500, new Frame.Keepalive(known)));
        inject(EnginePair.datagram(500, new Frame.Keepalive(known)));
        assertThat(count(Counter.DATAGRAMS_DUPLICATE)).isEqualTo(1);
        inject(EnginePair.datagram(500 - 300, new Frame.Keepalive(known)));
        assertThat(count(Counter.DATAGRAMS_OUTSIDE_WINDOW)).isEqualTo(2);
    }

    @Test
    void dataBeyondCreditAndOverflowingCreditAreRefused() {
        RouteId known = pair.forwardId();
        inject(EnginePair.datagram(600, new Frame.Data(known, 40 * 1024, new byte[1000])));
        assertThat(count(Counter.DATA_OVER_CREDIT)).isEqualTo(1);
        // b's route end has sent nothing back, so no credit beyond its peer's buffer can be honest.
        RouteHandle incoming = ((NodeEvent.RouteIncoming) pair.bEvents.get(0)).route();
        assertThat(incoming).isNotNull();
        inject(EnginePair.datagram(601, new Frame.Credit(known, Long.MAX_VALUE / 2)));
        assertThat(count(Counter.CREDIT_OVERFLOW)).isEqualTo(1);
        inject(EnginePair.datagram(602, new Frame.Credit(known, 5)));
        assertThat(count(Counter.CREDIT_STALE)).isEqualTo(1);
    }

    @Test
    void forgedAndReplayedSetupsAreRefused() {
        byte[] forged = new byte[300];
        new SplittableRandom(3).nextBytes(forged);
        forged[0] = 2;
        inject(EnginePair.datagram(700, new Frame.Setup(new RouteId(5, 5), forged)));
        assertThat(count(Counter.SETUP_MALFORMED)).isEqualTo(1);

        SetupOnion.Built onion = SetupOnion.build(pair.curve, new io.skywire.node.crypto.Aead(),
                new SplittableRandom(4)::nextBytes, List.of(pair.b.publicKey()), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 32 * 1024);
        int routesBefore = pair.b.routeCount();
        inject(EnginePair.datagram(701, new Frame.Setup(new RouteId(6, 6), onion.onion())));
        assertThat(pair.b.routeCount()).isEqualTo(routesBefore + 1);
        // A link-layer resend of the same setup is ignored; the same onion under another id is a replay.
        inject(EnginePair.datagram(702, new Frame.Setup(new RouteId(6, 6), onion.onion())));
        inject(EnginePair.datagram(703, new Frame.Setup(new RouteId(7, 7), onion.onion())));
        assertThat(count(Counter.SETUP_REPLAYED)).isEqualTo(1);
        assertThat(pair.b.routeCount()).isEqualTo(routesBefore + 1);
    }

    @Test
    void tamperedEndToEndPayloadIsRefusedByTheDestination() {
        RouteId known = pair.forwardId();
        byte[] sealed = new byte[60];
        inject(EnginePair.datagram(800, new Frame.Data(known, pair.aToB.stream()
                .flatMap(d -> d.frames().stream()).filter(f -> f instanceof Frame.Data)
                .mapToLong(f -> ((Frame.Data) f).payload().length).sum(), sealed)));
        assertThat(count(Counter.E2E_AUTH_FAILED)).isEqualTo(1);
    }

    @Test
    void acknowledgementsOfPacketsNeverSentAreRefused() {
        inject(EnginePair.datagram(900, new Frame.Ack(1L << 40, 0, new byte[0])));
        assertThat(count(Counter.ACKS_INVALID)).isEqualTo(1);
    }
}
