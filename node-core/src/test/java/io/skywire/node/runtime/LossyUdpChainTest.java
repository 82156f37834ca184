package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Four nodes over loopback UDP, every node dropping 30% of the datagrams it sends (acts, data and acks):
 * a 3-hop route must still carry every byte intact and in order. The size is
 * {@code -Dskywire.lossyMegabytes} (default 4); {@code -Dskywire.longTests=true} adds the 50 MB run.
 */
class LossyUdpChainTest {

    private static final Logger LOG = LoggerFactory.getLogger(LossyUdpChainTest.class);
    private static final UdpFaults THIRTY_PERCENT = new UdpFaults(0.3, 0, 0, 7);
    private static final long RATE = 25_000_000L;

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void threeHopRouteCarriesDataIntactAtThirtyPercentLoss() throws Exception {
        carry(Long.getLong("skywire.lossyMegabytes", 4));
    }

    @Test
    @Timeout(600)
    @EnabledIfSystemProperty(named = "skywire.longTests", matches = "true")
    void threeHopRouteCarriesFiftyMegabytesIntactAtThirtyPercentLoss() throws Exception {
        carry(50);
    }

    /**
     * Opens the route as a client would: a setup lost to 30% loss on every hop (or slowed past the setup timeout on
     * a loaded machine) is tried again, up to three times; what this test checks is the data, not the first setup.
     */
    private static RouteSession openWithRetries(NodeRuntime origin, List<io.skywire.node.identity.NodeId> path)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return await(origin.openRoute(path));
            } catch (RouteFailedException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warn("route setup attempt {} failed ({}); trying again", attempt, e.getMessage());
            }
        }
    }

    private void carry(long megabytes) throws Exception {
        long total = megabytes << 20;
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(4, THIRTY_PERCENT, RATE);
            NodeRuntime origin = chain.get(0);
            NodeRuntime destination = chain.get(3);
            CompletableFuture<RouteSession> incoming = new CompletableFuture<>();
            destination.onIncomingRoute(incoming::complete);

            RouteSession route = openWithRetries(origin, List.of(chain.get(1).nodeId(), chain.get(2).nodeId(),
                    destination.nodeId()));
            TestTransfer transfer = TestTransfer.receiveInto(await(incoming), total);
            long started = System.nanoTime();
            TestTransfer.send(route, total);
            long received = await(transfer.received(), Duration.ofSeconds(30 + megabytes * 10));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(received).isEqualTo(total);
            RuntimeCounters middle = chain.get(1).counters();
            long lost = 0;
            long retransmitted = 0;
            for (NodeRuntime node : chain) {
                RuntimeCounters counters = node.counters();
                lost += counters.engine(Counter.PACKETS_LOST);
                retransmitted += counters.engine(Counter.FRAMES_RETRANSMITTED);
            }
            assertThat(middle.udp(UdpCounter.FAULT_DROPPED_SEND)).isPositive();
            LOG.info("{} MB over 3 lossy UDP hops in {} s: {} MB/s; {} datagrams declared lost, {} frames resent, "
                            + "acts resent at hop 1: {}", megabytes, String.format("%.2f", seconds),
                    String.format("%.2f", megabytes / seconds), lost, retransmitted,
                    middle.udp(UdpCounter.ACTS_RETRANSMITTED));
        }
    }
}
