package io.skywire.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.discovery.DhtCounter;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.pex.PexCounter;
import io.skywire.node.identity.NodeId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap and peer exchange over real UDP sockets on 127.0.0.1: A has no bootstrap list, B and C know only A's
 * address (not its key), LAN discovery is off; every node ends up holding the other two's records and linked to
 * them. 30 s is a liveness bound for a loaded machine, not a timing claim.
 */
class DiscoveryLoopbackTest {

    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private static DiscoveryConfig discovery(List<BootstrapConfig> bootstrap) {
        return DiscoveryConfig.defaults().withLan(false, false).withBootstrap(bootstrap);
    }

    @Test
    void threeNodesWithOneBootstrapAddressFindEachOther() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            NodeRuntime a = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(discovery(List.of())));
            List<BootstrapConfig> viaA = List.of(new BootstrapConfig(null, a.boundAddresses().udp()));
            NodeRuntime b = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(discovery(viaA)));
            NodeRuntime c = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(discovery(viaA)));
            List<NodeRuntime> all = List.of(a, b, c);

            long deadline = System.nanoTime() + LIVENESS_NANOS;
            while (!allKnowAll(all) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            for (NodeRuntime node : all) {
                Set<NodeId> others = all.stream().map(NodeRuntime::nodeId).filter(id -> !id.equals(node.nodeId()))
                        .collect(Collectors.toSet());
                assertThat(known(node)).as("records known to %s", node.nodeId().fingerprint())
                        .isEqualTo(others);
                for (NodeRecord record : node.discovery().knownPeers()) {
                    assertThat(record.addresses()).as("a record lists the node's UDP address").isNotEmpty();
                }
            }
            // B learned C's record only through A: the exchange between neighbours carried it.
            assertThat(b.discovery().counters().pex(PexCounter.RECORDS_ACCEPTED)).isPositive();
            for (NodeRuntime node : all) {
                for (NodeRuntime other : all) {
                    if (other != node) {
                        TestTransfer.await(node.linkUp(other.nodeId()));
                    }
                }
            }
        }
    }

    @Test
    void withoutLinksTheDhtAloneCarriesEveryRecordToEveryNode() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            // Dialling off: no links, so no peer exchange; a HELLO introduces each node to A only, and everything
            // else has to come through the DHT's lookups over the nodes' UDP sockets.
            NodeRuntime a = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(discovery(List.of()).withDial(false)));
            List<BootstrapConfig> viaA = List.of(new BootstrapConfig(null, a.boundAddresses().udp()));
            List<NodeRuntime> all = new ArrayList<>(List.of(a));
            for (int i = 0; i < 4; i++) {
                all.add(nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                        .withDiscovery(discovery(viaA).withDial(false))));
            }

            long deadline = System.nanoTime() + LIVENESS_NANOS;
            while (!allKnowAll(all) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            for (NodeRuntime node : all) {
                assertThat(known(node)).as("records known to %s", node.nodeId().fingerprint()).hasSize(all.size() - 1);
                assertThat(node.counters().links()).isZero();
                assertThat(node.discovery().counters().dht(DhtCounter.MESSAGES_RECEIVED)).isPositive();
            }
            assertThat(all.get(4).discovery().counters().pex(PexCounter.RECORDS_ACCEPTED))
                    .as("only A's record came by HELLO").isEqualTo(1);
        }
    }

    private static boolean allKnowAll(List<NodeRuntime> all) {
        for (NodeRuntime node : all) {
            if (known(node).size() < all.size() - 1) {
                return false;
            }
        }
        return true;
    }

    private static Set<NodeId> known(NodeRuntime node) {
        return node.discovery().knownPeers().stream().map(NodeRecord::nodeKey).collect(Collectors.toSet());
    }
}
