package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.routing.CostWeights;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.RoutePath;
import io.skywire.node.routing.RouteSearch;
import io.skywire.node.routing.SearchConstraints;
import io.skywire.node.routing.VirtualRing;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ring (many-to-many virtual route) between real nodes on loopback UDP. The sockets form a line
 * O - M0 - M1 - M2 - M3 - D; the ring's members, in ring order M0, M1, M3, M2, keep virtual links to their ring
 * neighbours (M1 to M3 inside a route through M2, M2 to M0 inside a route through M1). Route search with the ring
 * as one hop enters at M0 and leaves at M3, going round through M1; a megabyte crosses it intact.
 */
@Timeout(90)
class RingRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void aRouteEntersTheRingAtOneMemberAndLeavesAtAnother() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            List<NodeRuntime> line = nodes.udpChain(6, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime o = line.get(0);
            NodeRuntime m0 = line.get(1);
            NodeRuntime m1 = line.get(2);
            NodeRuntime m2 = line.get(3);
            NodeRuntime m3 = line.get(4);
            NodeRuntime d = line.get(5);
            Map<NodeRuntime, LinkedBlockingQueue<RouteSession>> incoming = new HashMap<>();
            for (NodeRuntime node : line) {
                LinkedBlockingQueue<RouteSession> queue = new LinkedBlockingQueue<>();
                node.onIncomingRoute(queue::add);
                incoming.put(node, queue);
            }
            // Ring order M0, M1, M3, M2: each member's carrier to the next, over whatever sockets lie between.
            carrier(m0, m1, List.of(m1), incoming);
            carrier(m1, m3, List.of(m2, m3), incoming);
            carrier(m3, m2, List.of(m2), incoming);
            carrier(m2, m0, List.of(m1, m0), incoming);

            LinkGraph graph = new LinkGraph();
            for (NodeRuntime node : line) {
                graph.addNode(new GraphNode(key(node), node == o ? 0 : 100, null));
            }
            graph.addLinks(key(o), key(m0), 1_000, 100_000_000).addLinks(key(m3), key(d), 1_000, 100_000_000);
            graph.addRing(new VirtualRing("loopback-ring", List.of(key(m0), key(m1), key(m3), key(m2)), 50, 2_000,
                    100_000_000));
            RoutePath path = new RouteSearch(graph, CostWeights.defaults())
                    .disjointPaths(key(o), key(d), 1, SearchConstraints.upTo(4)).paths().get(0);
            assertThat(path.hops()).containsExactly(key(m0), key(m3), key(d));
            assertThat(path.setupHops()).containsExactly(key(m0), key(m1), key(m3), key(d));

            int m1RoutesBefore = m1.counters().routes();
            List<NodeId> setup = path.setupHops().stream().map(k -> new NodeId(k.bytes())).toList();
            RouteSession route = await(o.openRoute(setup));
            RouteSession atD = incoming.get(d).poll(20, TimeUnit.SECONDS);
            assertThat(atD).isNotNull();
            TestTransfer transfer = TestTransfer.receiveInto(atD, 1 << 20);
            TestTransfer.send(route, 1 << 20);
            assertThat(await(transfer.received())).isEqualTo(1 << 20);
            // The route passed M1 between the entry and the exit; M2 carried it only inside M1's carrier.
            assertThat(m1.counters().routes()).isEqualTo(m1RoutesBefore + 1);
        }
    }

    private static void carrier(NodeRuntime from, NodeRuntime to, List<NodeRuntime> path,
                                Map<NodeRuntime, LinkedBlockingQueue<RouteSession>> incoming) throws Exception {
        RouteSession carrier = await(from.openRoute(path.stream().map(NodeRuntime::nodeId).toList()));
        RouteSession atEnd = incoming.get(to).poll(20, TimeUnit.SECONDS);
        assertThat(atEnd).isNotNull();
        await(atEnd.useAsLink(from.nodeId()));
        await(carrier.useAsLink(to.nodeId()));
    }

    private static NodeKey key(NodeRuntime node) {
        return NodeKey.of(node.nodeId().key());
    }
}
