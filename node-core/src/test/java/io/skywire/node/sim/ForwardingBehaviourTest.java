package io.skywire.node.sim;

import static io.skywire.node.sim.SimTestSupport.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Back-pressure, QoS and failure reporting, each shown in the simulator. */
class ForwardingBehaviourTest {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardingBehaviourTest.class);
    private static final long FAST = 10_000_000L;
    private static final int BUFFER = 64 * 1024;

    @Test
    void slowLastHopBackPressuresTheOriginWithoutDropsAndWithinBuffers() {
        Simulator simulator = new Simulator(5);
        List<SimNode> chain = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chain.add(simulator.addNode(EngineConfig.defaults()));
        }
        LinkProfile fast = LinkProfile.of(FAST, 5 * MS, 0.01);
        LinkProfile slow = LinkProfile.of(FAST / 10, 5 * MS, 0.01);
        simulator.connect(chain.get(0), chain.get(1), fast, fast, EngineConfig.DEFAULT_MTU);
        simulator.connect(chain.get(1), chain.get(2), fast, fast, EngineConfig.DEFAULT_MTU);
        simulator.connect(chain.get(2), chain.get(3), slow, slow, EngineConfig.DEFAULT_MTU);
        RouteHandle route = chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, BUFFER));
        StreamTransfer transfer = new StreamTransfer(simulator, chain.get(0), chain.get(3), 2_000_000, 5);
        transfer.start(route);

        simulator.runUntil(4_000 * MS, () -> false);
        long writtenAt4 = transfer.written;
        simulator.runUntil(8_000 * MS, () -> false);
        double originBitsPerSecond = (transfer.written - writtenAt4) * 8 / 4.0;
        double slowLinkPayloadRate = FAST / 10.0 * 0.99 * 1174 / 1280;
        LOG.info("origin rate {} b/s against the slow link's payload rate {} b/s", originBitsPerSecond,
                slowLinkPayloadRate);
        assertThat(originBitsPerSecond).isBetween(0.85 * slowLinkPayloadRate, 1.05 * slowLinkPayloadRate);
        assertThat(transfer.intact).isTrue();
        for (SimNode node : chain) {
            assertThat(node.engine().counters().get(Counter.CUT_THROUGH_DROPPED)).isZero();
            assertThat(node.engine().counters().get(Counter.DATA_OVER_CREDIT)).isZero();
            // Every buffer stays within the route's bound: one direction's buffer per route, plus nothing else.
            assertThat(node.engine().peakBufferedBytes()).isLessThanOrEqualTo(BUFFER);
        }
        // The node before the slow link is where the data waits.
        assertThat(chain.get(2).engine().peakBufferedBytes()).isGreaterThan(BUFFER / 2);
    }

    @Test
    void realTimeLatencyStaysWithinTwiceIdleWhileBulkSaturatesTheSameLinks() {
        double idle = realTimeLatencies(false).stream().mapToLong(Long::longValue).average().orElseThrow();
        List<Long> loaded = realTimeLatencies(true);
        long worst = loaded.stream().mapToLong(Long::longValue).max().orElseThrow();
        LOG.info("real-time latency: idle mean {} ms, worst under bulk load {} ms", idle / 1e6, worst / 1e6);
        assertThat(loaded).hasSizeGreaterThan(20);
        assertThat((double) worst).isLessThanOrEqualTo(2 * idle);
    }

    private List<Long> realTimeLatencies(boolean withBulk) {
        Simulator simulator = new Simulator(9);
        List<SimNode> chain = SimTestSupport.chain(simulator, 3, EngineConfig.defaults(),
                LinkProfile.of(FAST, 5 * MS, 0));
        SimNode origin = chain.get(0);
        SimNode destination = chain.get(2);
        List<Long> latencies = new ArrayList<>();
        List<RouteHandle> incoming = new ArrayList<>();
        long[] bulkDelivered = new long[1];
        RouteHandle[] bulk = new RouteHandle[1];
        destination.onEvent(event -> {
            if (event instanceof NodeEvent.RouteIncoming in) {
                incoming.add(in.route());
            } else if (event instanceof NodeEvent.Delivered delivered) {
                if (delivered.route().equals(incoming.get(0))) {
                    latencies.add(simulator.now() - bytesToLong(delivered.payload()));
                } else {
                    bulkDelivered[0] += delivered.payload().length;
                }
            }
        });
        origin.onEvent(event -> {
            if (bulk[0] != null && (event instanceof NodeEvent.Writable || event instanceof NodeEvent.RouteEstablished)) {
                byte[] payload = new byte[origin.engine().maxPayload(bulk[0])];
                while (origin.send(bulk[0], payload) == SendResult.ACCEPTED) {
                    // Fill the route's buffer: back-pressure stops the loop.
                }
            }
        });
        RouteHandle realTime = origin.openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.REAL_TIME,
                ForwardingMode.STORE_AND_FORWARD, BUFFER));
        simulator.runUntil(400 * MS, () -> false);
        if (withBulk) {
            bulk[0] = origin.openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                    ForwardingMode.STORE_AND_FORWARD, 4 * BUFFER));
        }
        for (int i = 0; i < 40; i++) {
            simulator.schedule(500 * MS + i * 37 * MS, () -> origin.send(realTime, longToBytes(simulator.now())));
        }
        simulator.runUntil(2_500 * MS, () -> false);
        if (withBulk) {
            // Saturated: the bulk route got most of the link.
            assertThat(bulkDelivered[0] * 8 / 2.0).isGreaterThan(0.8 * FAST);
        }
        return latencies;
    }

    private static byte[] longToBytes(long value) {
        byte[] out = new byte[64];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }

    private static long bytesToLong(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    @Test
    void originLearnsThatAMiddleNodeDiedWithinAFewRoundTrips() {
        Simulator simulator = new Simulator(13);
        EngineConfig config = EngineConfig.defaults();
        config = new EngineConfig(config.maxInFlightPackets(), config.minRtoNanos(), config.initialRtoNanos(),
                40 * MS, config.maxRouteBufferBytes(), config.maxNodeBufferBytes(), config.setupTimeoutNanos(),
                config.keepaliveNanos(), config.routeExpiryNanos(), config.housekeepingNanos(), config.maxRoutes(),
                config.replayMemory());
        List<SimNode> chain = SimTestSupport.chain(simulator, 5, config, LinkProfile.of(FAST, 5 * MS, 0));
        RouteHandle route = chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, BUFFER));
        StreamTransfer transfer = new StreamTransfer(simulator, chain.get(0), chain.get(4), 50_000_000, 13);
        transfer.start(route);
        List<NodeEvent> originEvents = new ArrayList<>();
        java.util.function.Consumer<NodeEvent> forward = chain.get(0).application;
        chain.get(0).onEvent(event -> {
            originEvents.add(event);
            forward.accept(event);
        });
        simulator.runUntil(1_000 * MS, () -> false);
        assertThat(transfer.delivered).isPositive();
        long diedAt = simulator.now();
        simulator.kill(chain.get(2));
        simulator.runUntil(5_000 * MS, () -> originEvents.stream().anyMatch(e -> e instanceof NodeEvent.RouteFailed));
        long learnedAfter = simulator.now() - diedAt;
        long routeRtt = 4 * 2 * (5 * MS + MS);
        LOG.info("origin learned of the dead node after {} ms ({} route RTTs)", learnedAfter / 1e6,
                (double) learnedAfter / routeRtt);
        assertThat(originEvents).contains(new NodeEvent.RouteFailed(route, FailureReason.NEXT_HOP_UNREACHABLE));
        assertThat(learnedAfter).isLessThan(6 * routeRtt);
        assertThat(chain.get(0).engine().routeCount()).isZero();
        assertThat(chain.get(1).engine().routeCount()).isZero();
    }
}
