package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.routing.GatewayTerms;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The directory's search over a known graph: each gateway over its disjoint paths with transit and gateway prices,
 * the hop bounds and the guards honoured.
 *
 * <pre>
 *        G1(10) -- M1(100) --+
 *      /                      GW1 (1000, eu-west)
 *   S -- G2(20) -- M2(200) --+
 *      \      \
 *       X(5)   GW2 (50, us-east): two hops only
 *        \
 *         M3(1) -- GW3 (10, ap-south): three hops, but not through a guard
 * </pre>
 */
final class GatewayDirectoryTest {

    private final SecureRandom random = seeded();
    private final NodeId s = key();
    private final NodeId g1 = key();
    private final NodeId g2 = key();
    private final NodeId m1 = key();
    private final NodeId m2 = key();
    private final NodeId m3 = key();
    private final NodeId x = key();
    private final NodeId gw1 = key();
    private final NodeId gw2 = key();
    private final NodeId gw3 = key();
    private final LinkGraph graph = new LinkGraph();

    GatewayDirectoryTest() {
        node(s, 0, null);
        node(g1, 10, null);
        node(g2, 20, null);
        node(m1, 100, null);
        node(m2, 200, null);
        node(m3, 1, null);
        node(x, 5, null);
        node(gw1, 7, new GatewayTerms(1_000, "eu-west"));
        node(gw2, 7, new GatewayTerms(50, "us-east"));
        node(gw3, 7, new GatewayTerms(10, "ap-south"));
        link(s, g1);
        link(s, g2);
        link(s, x);
        link(g1, m1);
        link(m1, gw1);
        link(g2, m2);
        link(m2, gw1);
        link(g2, gw2);
        link(x, m3);
        link(m3, gw3);
    }

    @Test
    void everyGatewayOnItsCheapestPathWithTheExpectedCost() {
        List<GatewayCandidate> entries = GatewayDirectory.search(graph, s, Set.of(), upToThree(3));
        // gw2 is two hops away: under the minimum of three (and six hops the long way round, over the maximum).
        assertThat(entries).extracting(GatewayCandidate::gateway).containsExactly(gw3, gw1);
        GatewayCandidate third = entries.get(0);
        assertThat(third.path()).containsExactly(x, m3, gw3);
        assertThat(third.transitPricePerGbDroplets()).isEqualTo(5 + 1);
        assertThat(third.expectedCostPerGbDroplets()).isEqualTo(16);
        assertThat(third.region()).isEqualTo("ap-south");
        GatewayCandidate first = entries.get(1);
        assertThat(first.path()).containsExactly(g1, m1, gw1);
        assertThat(first.paths()).containsExactly(List.of(g1, m1, gw1), List.of(g2, m2, gw1));
        assertThat(first.gatewayPricePerGbDroplets()).isEqualTo(1_000);
        // A group may send a whole GB over the dearer path: 20 + 200, not the primary's 10 + 100.
        assertThat(first.transitPricePerGbDroplets()).isEqualTo(20 + 200);
        assertThat(first.expectedCostPerGbDroplets()).isEqualTo(1_220);
        assertThat(first.hops()).isEqualTo(3);
    }

    @Test
    void theMinimumHopCountIsHonoured() {
        assertThat(GatewayDirectory.search(graph, s, Set.of(), upToThree(2)))
                .extracting(GatewayCandidate::gateway).containsExactly(gw3, gw2, gw1);
        // The long way round to gw2 (s g1 m1 gw1 m2 g2 gw2, gw1 forwarding at 7) is the only path of 4 or more
        // hops: 337 transit + 50 is still cheaper than gw1's 1,220.
        List<GatewayCandidate> byDefault = GatewayDirectory.search(graph, s, Set.of(),
                GatewayDirectory.Settings.defaults());
        assertThat(byDefault).extracting(GatewayCandidate::gateway).containsExactly(gw3, gw2, gw1);
        assertThat(byDefault.get(1).expectedCostPerGbDroplets()).isEqualTo(10 + 100 + 7 + 200 + 20 + 50);
        assertThat(GatewayDirectory.search(graph, s, Set.of(), new GatewayDirectory.Settings(4, 6, 1, 1)))
                .singleElement().satisfies(c -> assertThat(c.path()).containsExactly(g1, m1, gw1, m2, g2, gw2));
        assertThat(GatewayDirectory.search(graph, s, Set.of(), new GatewayDirectory.Settings(4, 5, 1, 1)))
                .isEmpty();
    }

    @Test
    void everyPathStartsAtAGuard() {
        List<GatewayCandidate> entries = GatewayDirectory.search(graph, s, Set.of(g1, g2), upToThree(2));
        assertThat(entries).extracting(GatewayCandidate::gateway).containsExactly(gw2, gw1);
        for (GatewayCandidate entry : entries) {
            for (List<NodeId> path : entry.paths()) {
                assertThat(path.get(0)).isIn(g1, g2);
            }
        }
        assertThat(GatewayDirectory.search(graph, s, Set.of(g1), upToThree(3)))
                .singleElement().satisfies(c -> assertThat(c.paths()).containsExactly(List.of(g1, m1, gw1)));
    }

    private static GatewayDirectory.Settings upToThree(int minHops) {
        return new GatewayDirectory.Settings(minHops, 3, 2, 1);
    }

    private void node(NodeId id, long price, GatewayTerms terms) {
        graph.addNode(new GraphNode(NodeKey.of(id.key()), price, terms));
    }

    private void link(NodeId a, NodeId b) {
        graph.addLinks(NodeKey.of(a.key()), NodeKey.of(b.key()), 1_000, 1_000_000);
    }

    private NodeId key() {
        return NodeKeyPair.generate(random).nodeId();
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(5);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
