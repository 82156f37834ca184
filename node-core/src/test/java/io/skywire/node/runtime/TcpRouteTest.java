package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TcpRouteTest {

    @TempDir
    Path dir;

    @Test
    void twoNodesOverLoopbackTcpCarryARouteWithTheLinkPipeline() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            NodeRuntime listener = nodes.start(new NodeConfig(null, RuntimeNodes.LOOPBACK_ANY, List.of(),
                    nodes.newDataDir(), "INFO", NodeConfig.DEFAULT_UDP_RATE, UdpFaults.NONE,
                    DiscoveryConfig.passive()));
            NodeRuntime dialer = nodes.start(new NodeConfig(null, null, List.of(new PeerConfig(listener.nodeId(),
                    Transport.TCP, listener.boundAddresses().tcp())), nodes.newDataDir(), "INFO",
                    NodeConfig.DEFAULT_UDP_RATE, UdpFaults.NONE, DiscoveryConfig.passive()));
            CompletableFuture<RouteSession> incoming = new CompletableFuture<>();
            listener.onIncomingRoute(incoming::complete);

            await(dialer.linkUp(listener.nodeId()));
            RouteSession route = await(dialer.openRoute(List.of(listener.nodeId())));
            TestTransfer transfer = TestTransfer.receiveInto(await(incoming), 4 << 20);
            TestTransfer.send(route, 4 << 20);

            assertThat(await(transfer.received())).isEqualTo(4 << 20);
            assertThat(listener.counters().tcpLinksEstablished()).isEqualTo(1);
        }
    }
}
