package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class UdpRouteTest {

    @TempDir
    Path dir;

    @Test
    void twoNodesOverLoopbackUdpExchangeDataBothWaysOnARoute() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> chain = nodes.udpChain(2, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime a = chain.get(0);
            NodeRuntime b = chain.get(1);
            CompletableFuture<RouteSession> incoming = new CompletableFuture<>();
            b.onIncomingRoute(incoming::complete);

            RouteSession origin = await(a.openRoute(List.of(b.nodeId())));
            RouteSession destination = await(incoming);
            TestTransfer transfer = TestTransfer.receiveInto(destination, 512 * 1024);
            TestTransfer.send(origin, 512 * 1024);
            assertThat(await(transfer.received())).isEqualTo(512 * 1024);

            CompletableFuture<String> reply = new CompletableFuture<>();
            origin.onReceive(bytes -> reply.complete(new String(bytes, StandardCharsets.UTF_8)));
            await(destination.send("pong".getBytes(StandardCharsets.UTF_8)));
            assertThat(await(reply)).isEqualTo("pong");

            assertThat(a.counters().engine(Counter.ROUTES_OPENED)).isEqualTo(1);
            assertThat(b.counters().udp(UdpCounter.LINKS_ESTABLISHED)).isEqualTo(1);
        }
    }
}
