package io.skywire.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node with guard nodes originates routes only through them; other first hops are refused before any setup. */
class GuardNodesTest {

    @TempDir
    Path dir;

    @Test
    void routesMustStartAtAGuard() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            NodeRuntime guard = nodes.start(NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve("g")));
            NodeRuntime other = nodes.start(NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve("o")));
            List<PeerConfig> peers = List.of(
                    new PeerConfig(guard.nodeId(), Transport.UDP, guard.boundAddresses().udp()),
                    new PeerConfig(other.nodeId(), Transport.UDP, other.boundAddresses().udp()));
            NodeRuntime origin = nodes.start(NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve("a"))
                    .withPeers(peers).withGuards(Set.of(guard.nodeId())));
            TestTransfer.await(origin.linkUp(guard.nodeId()));
            TestTransfer.await(origin.linkUp(other.nodeId()));

            RouteSession viaGuard = origin.openRoute(List.of(guard.nodeId())).get(30, TimeUnit.SECONDS);
            assertThat(viaGuard.ended()).isNotDone();

            var refused = origin.openRoute(List.of(other.nodeId()));
            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not one of this node's guard nodes");
            assertThat(other.counters().routes()).as("nothing reached the refused first hop").isZero();
        }
    }
}
