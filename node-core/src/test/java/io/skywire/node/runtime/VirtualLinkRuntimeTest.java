package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A route used as a link between real nodes on loopback UDP: a route inside it carries data, the middle node sees one route. */
@Timeout(60)
class VirtualLinkRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void aRouteOverAVirtualLinkCarriesDataAndEndsWithItsCarrier() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(3, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime a = chain.get(0);
            NodeRuntime middle = chain.get(1);
            NodeRuntime c = chain.get(2);
            LinkedBlockingQueue<RouteSession> incoming = new LinkedBlockingQueue<>();
            c.onIncomingRoute(incoming::add);

            RouteSession carrier = await(a.openRoute(List.of(middle.nodeId(), c.nodeId())));
            RouteSession carrierAtC = incoming.poll(20, TimeUnit.SECONDS);
            assertThat(carrierAtC).isNotNull();
            // c's application knows who opened the carrier (here: the test tells it).
            await(carrierAtC.useAsLink(a.nodeId()));
            await(carrier.useAsLink(c.nodeId()));

            // a has no socket link to c: this route is set up inside the carrier.
            RouteSession inner = await(a.openRoute(List.of(c.nodeId())));
            RouteSession innerAtC = incoming.poll(20, TimeUnit.SECONDS);
            assertThat(innerAtC).isNotNull();
            TestTransfer transfer = TestTransfer.receiveInto(innerAtC, 1 << 20);
            TestTransfer.send(inner, 1 << 20);
            assertThat(await(transfer.received())).isEqualTo(1 << 20);

            assertThat(middle.counters().routes()).isEqualTo(1);
            assertThat(a.counters().routes()).isEqualTo(2);
            assertThat(a.counters().engine(Counter.VIRTUAL_DATAGRAMS_SENT)).isPositive();
            assertThat(c.counters().engine(Counter.VIRTUAL_DATAGRAMS_RECEIVED)).isPositive();
            assertThat(c.counters().engine(Counter.CARRIER_MALFORMED)).isZero();

            // The route cannot carry a second link, and closing it takes the inner route down.
            CompletableFuture<Void> twice = carrier.useAsLink(c.nodeId());
            assertThat(twice).failsWithin(TestTransfer.TIMEOUT);
            carrier.close();
            assertThat(await(inner.ended())).isNotNull();
            assertThat(await(innerAtC.ended())).isNotNull();
        }
    }
}
