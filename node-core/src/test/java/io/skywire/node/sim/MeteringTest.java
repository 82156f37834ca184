package io.skywire.node.sim;

import static io.skywire.node.sim.SimTestSupport.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Metering events: every hop reports what it forwarded, the ends what they sent and received, and they agree. */
class MeteringTest {

    /** End-to-end sealing adds a counter and a tag to every payload; transit hops count the sealed bytes. */
    private static final int SEALING = 8 + 16;

    @Test
    void bytesForwardedAtEveryHopEqualWhatTheEndsSentAndReceivedWithinFraming() {
        Simulator simulator = new Simulator(21);
        List<SimNode> chain = SimTestSupport.chain(simulator, 5, EngineConfig.defaults(),
                LinkProfile.of(10_000_000L, 5 * MS, 0.1));
        RouteHandle route = chain.get(0).openRoute(new RouteSpec(SimTestSupport.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, 64 * 1024));
        long total = 300_000;
        StreamTransfer transfer = new StreamTransfer(simulator, chain.get(0), chain.get(4), total, 21);
        transfer.start(route);
        List<Map<RouteHandle, NodeEvent.Metering>> metering = new ArrayList<>();
        for (SimNode node : chain) {
            Map<RouteHandle, NodeEvent.Metering> latest = new HashMap<>();
            metering.add(latest);
            Consumer<NodeEvent> application = node.application;
            node.onEvent(event -> {
                if (event instanceof NodeEvent.Metering meter) {
                    // Cumulative: the latest report per route is the total so far.
                    latest.put(meter.route(), meter);
                }
                application.accept(event);
            });
        }
        simulator.runUntil(60_000 * MS, transfer::complete);
        assertThat(transfer.complete()).isTrue();
        int chunk = chain.get(0).engine().maxPayload(route);
        assertThat(transfer.intact).isTrue();
        // Let the last acknowledgements settle, then close: every hop reports its final count as the route goes.
        simulator.runUntil(simulator.now() + 2_000 * MS, () -> false);
        chain.get(0).closeRoute(route);
        simulator.runUntil(simulator.now() + 2_000 * MS, () -> false);

        long messages = (total + chunk - 1) / chunk;
        long sealedBytes = total + SEALING * messages;
        NodeEvent.Metering origin = only(metering.get(0));
        assertThat(origin.bytesSent()).isEqualTo(sealedBytes);
        assertThat(origin.bytesForwarded()).isZero();
        for (int hop = 1; hop <= 3; hop++) {
            NodeEvent.Metering transit = only(metering.get(hop));
            assertThat(transit.bytesForwarded()).as("hop %d", hop).isEqualTo(sealedBytes);
            assertThat(transit.bytesSent()).isZero();
            assertThat(transit.bytesReceived()).isZero();
        }
        NodeEvent.Metering destination = only(metering.get(4));
        assertThat(destination.bytesReceived()).isEqualTo(total);
        assertThat(destination.bytesForwarded()).isZero();

        // The node-wide counters the desktop chart plots agree with the per-route metering.
        for (int hop = 0; hop < chain.size(); hop++) {
            var counters = chain.get(hop).engine().counters();
            boolean transit = hop > 0 && hop < chain.size() - 1;
            assertThat(counters.get(Counter.BYTES_FORWARDED)).as("hop %d", hop).isEqualTo(transit ? sealedBytes : 0);
            assertThat(counters.get(Counter.BYTES_SENT)).as("hop %d", hop)
                    .isGreaterThan(counters.get(Counter.DATAGRAMS_SENT));
            assertThat(counters.get(Counter.BYTES_RECEIVED)).as("hop %d", hop)
                    .isGreaterThan(counters.get(Counter.DATAGRAMS_RECEIVED));
        }
        assertThat(chain.get(0).engine().counters().get(Counter.BYTES_SENT)).as("the origin sent the whole payload")
                .isGreaterThan(sealedBytes);
    }

    private static NodeEvent.Metering only(Map<RouteHandle, NodeEvent.Metering> latest) {
        assertThat(latest).hasSize(1);
        return latest.values().iterator().next();
    }
}
