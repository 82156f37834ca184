package io.skywire.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Many-to-many virtual routes (the design's SONET ring) in route search: one hop from any member to any other,
 * taken where it is cheaper and not where it is not, with the ring's members in the setup path.
 */
class RingRouteSearchTest {

    private static final NodeKey ME = new NodeKey("0200");
    private static final NodeKey A = new NodeKey("02a0");
    private static final NodeKey R1 = new NodeKey("02a1");
    private static final NodeKey B = new NodeKey("02b0");
    private static final NodeKey R2 = new NodeKey("02a2");
    private static final NodeKey X = new NodeKey("02c0");
    private static final NodeKey Y = new NodeKey("02c1");
    private static final NodeKey GW = new NodeKey("02f0");

    /**
     * ME - A, B - GW, and A to B either over the plain links A - X - Y - B (X and Y charge 1,000 each) or across the
     * ring A, R1, B, R2 at {@code ringPrice}.
     */
    private static LinkGraph graph(long ringPrice) {
        LinkGraph graph = new LinkGraph();
        for (NodeKey key : List.of(ME, A, R1, B, R2)) {
            graph.addNode(new GraphNode(key, key.equals(ME) ? 0 : 100, null));
        }
        graph.addNode(new GraphNode(X, 1_000, null)).addNode(new GraphNode(Y, 1_000, null))
                .addNode(new GraphNode(GW, 10, new GatewayTerms(500, "eu")));
        graph.addLinks(ME, A, 1_000, 10_000_000).addLinks(B, GW, 1_000, 10_000_000)
                .addLinks(A, X, 1_000, 10_000_000).addLinks(X, Y, 1_000, 10_000_000).addLinks(Y, B, 1_000, 10_000_000);
        graph.addRing(new VirtualRing("00aa", List.of(A, R1, B, R2), ringPrice, 3_000, 100_000_000));
        return graph;
    }

    @Test
    void theRingIsOneHopWhereItIsCheaperAndTheSetupPathGoesRoundIt() {
        RoutePath path = new RouteSearch(graph(200), CostWeights.defaults())
                .disjointPaths(ME, GW, 1, SearchConstraints.upTo(4)).paths().get(0);
        assertThat(path.hops()).containsExactly(A, B, GW);
        assertThat(path.ringHops()).singleElement().satisfies(hop -> {
            assertThat(hop.index()).isEqualTo(1);
            assertThat(hop.through()).containsExactly(R1);
        });
        assertThat(path.setupHops()).containsExactly(A, R1, B, GW);
        assertThat(path.keyBytes()).hasSize(4);
        // Links 1 ms + 1 ms, the ring 3 ms, four hops' worth of 1,000, the ring's price, A's and B's, no X or Y.
        assertThat(path.cost()).isEqualTo(5_000 + 3_000 + 200 + 100 + 100);
        assertThat(path.expectedDropletsPerGb()).isEqualTo(200 + 100 + 100 + 500);
        assertThat(path.latencyMicros()).isEqualTo(5_000);
    }

    @Test
    void aDearRingIsNotUsedAndTheLinksAreTaken() {
        RoutePath path = new RouteSearch(graph(5_000), CostWeights.defaults())
                .disjointPaths(ME, GW, 1, SearchConstraints.upTo(5)).paths().get(0);
        assertThat(path.hops()).containsExactly(A, X, Y, B, GW);
        assertThat(path.ringHops()).isEmpty();
        assertThat(path.setupHops()).isEqualTo(path.hops());
    }

    @Test
    void aCrossingNeedsItsPassedMembersFreeAndCountsThemForDisjointness() {
        RouteSearch search = new RouteSearch(graph(200), CostWeights.defaults());
        // R1 excluded: the crossing A -> B goes the other way round, through R2.
        RoutePath around = search.disjointPaths(ME, GW, 1, SearchConstraints.upTo(4).withExcluded(Set.of(R1)))
                .paths().get(0);
        assertThat(around.setupHops()).containsExactly(A, R2, B, GW);
        // Both ways round excluded: the links again.
        RoutePath links = search.disjointPaths(ME, GW, 1, SearchConstraints.upTo(5).withExcluded(Set.of(R1, R2)))
                .paths().get(0);
        assertThat(links.ringHops()).isEmpty();
        // A guard rule sees the first member passed as the first hop.
        LinkGraph fromMember = graph(200);
        assertThat(new RouteSearch(fromMember, CostWeights.defaults())
                .disjointPaths(A, GW, 1, SearchConstraints.upTo(4).withGuards(Set.of(X))).paths().get(0).hops())
                .containsExactly(X, Y, B, GW);
    }

    @Test
    void gatewaysAcrossARingAreReachableInOneHop() {
        RouteSearch search = new RouteSearch(graph(200), CostWeights.defaults());
        assertThat(search.reachableGateways(ME, SearchConstraints.upTo(3))).containsExactly(GW);
        assertThat(search.reachableGateways(ME, SearchConstraints.upTo(2))).isEmpty();
    }

    @Test
    void betweenTakesTheShorterWayRoundAndRefusesNonMembers() {
        VirtualRing ring = new VirtualRing("01", List.of(A, R1, B, R2, X), 0, 0, 0);
        assertThat(ring.between(A, R1)).isEmpty();
        assertThat(ring.between(A, B)).containsExactly(R1);
        assertThat(ring.between(A, R2)).containsExactly(X);
        assertThat(ring.between(R2, A)).containsExactly(X);
        assertThatThrownBy(() -> ring.between(A, GW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VirtualRing("02", List.of(A, A), 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkGraph().addRing(ring)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * On seeded random graphs with a random ring: the search's cheapest path costs what a brute force over every
     * simple sequence of steps (links, and crossings of the ring) finds, its setup path is simple and made of links
     * and ring neighbours, the ring is used only when no path over links alone is as cheap, and a ring priced out of
     * reach is used only where no path over links exists.
     */
    @Test
    void cheapestPathWithARingMatchesBruteForceOnRandomGraphs() {
        SplittableRandom random = new SplittableRandom(61);
        int used = 0;
        for (int g = 0; g < 120; g++) {
            int nodes = 6 + random.nextInt(4);
            LinkGraph graph = new LinkGraph();
            for (int i = 0; i < nodes; i++) {
                graph.addNode(new GraphNode(key(i), random.nextInt(3_000), null));
            }
            for (int a = 0; a < nodes; a++) {
                for (int b = 0; b < nodes; b++) {
                    if (a != b && random.nextInt(100) < 30) {
                        graph.addLink(new GraphLink(key(a), key(b), random.nextInt(20_000), 1_000_000));
                    }
                }
            }
            List<NodeKey> members = new ArrayList<>();
            for (int i = 1; i < nodes && members.size() < 4; i++) {
                if (random.nextBoolean()) {
                    members.add(key(i));
                }
            }
            if (members.size() < 2) {
                continue;
            }
            VirtualRing ring = new VirtualRing("0" + g, members, random.nextInt(4_000), random.nextInt(20_000), 0);
            graph.addRing(ring);
            NodeKey destination = key(nodes - 1);
            SearchConstraints constraints = SearchConstraints.upTo(4);
            CostWeights weights = CostWeights.defaults();
            List<RoutePath> found = new RouteSearch(graph, weights)
                    .disjointPaths(key(0), destination, 1, constraints).paths();
            long brute = brute(graph, weights, ring, key(0), destination, new ArrayList<>(List.of(key(0))), 0, 4);
            long linksOnly = brute(graph, weights, null, key(0), destination, new ArrayList<>(List.of(key(0))), 0, 4);
            if (brute == Long.MAX_VALUE) {
                assertThat(found).as("graph %d", g).isEmpty();
                continue;
            }
            RoutePath path = found.get(0);
            assertThat(path.cost()).as("graph %d", g).isEqualTo(brute);
            List<NodeKey> setup = new ArrayList<>(List.of(key(0)));
            setup.addAll(path.setupHops());
            assertThat(new HashSet<>(setup)).as("simple setup path").hasSize(setup.size());
            for (int i = 0; i + 1 < setup.size(); i++) {
                NodeKey from = setup.get(i);
                NodeKey to = setup.get(i + 1);
                boolean ringNeighbours = ring.contains(from) && ring.contains(to)
                        && ring.between(from, to).isEmpty();
                assertThat(graph.link(from, to) != null || ringNeighbours).as("step %s -> %s", from, to).isTrue();
            }
            if (!path.ringHops().isEmpty()) {
                used++;
                assertThat(path.cost()).isLessThan(linksOnly);
            } else {
                assertThat(path.cost()).isEqualTo(linksOnly);
            }
            LinkGraph dear = new LinkGraph();
            graph.nodes().forEach(dear::addNode);
            graph.nodes().forEach(n -> graph.linksFrom(n.key()).forEach(dear::addLink));
            dear.addRing(new VirtualRing(ring.id(), members, 1_000_000_000L, 0, 0));
            if (linksOnly != Long.MAX_VALUE) {
                // Priced out of reach, the ring is taken only where nothing else reaches the destination.
                assertThat(new RouteSearch(dear, weights).disjointPaths(key(0), destination, 1, constraints).paths()
                        .get(0).ringHops()).isEmpty();
            }
        }
        // The seeds give both outcomes often enough to mean something.
        assertThat(used).isGreaterThan(10);
    }

    private static NodeKey key(int i) {
        return new NodeKey(String.format("02%02x", i));
    }

    /** The least cost of a simple step sequence to {@code destination} (links, and crossings of {@code ring}). */
    private static long brute(LinkGraph graph, CostWeights weights, VirtualRing ring, NodeKey at, NodeKey destination,
                              List<NodeKey> visited, long cost, int hopsLeft) {
        if (hopsLeft == 0) {
            return Long.MAX_VALUE;
        }
        long best = Long.MAX_VALUE;
        for (GraphNode node : graph.nodes()) {
            NodeKey to = node.key();
            if (visited.contains(to)) {
                continue;
            }
            boolean transit = !to.equals(destination);
            long price = transit ? node.transitPricePerGbDroplets() : 0;
            GraphLink link = graph.link(at, to);
            if (link != null) {
                long step = link.latencyMicros() + 1_000 + price;
                best = Math.min(best, next(graph, weights, ring, to, destination, visited, List.of(),
                        cost + step, hopsLeft));
            }
            if (ring != null && ring.contains(at) && ring.contains(to)) {
                List<NodeKey> through = ring.between(at, to);
                if (through.stream().noneMatch(n -> visited.contains(n) || n.equals(destination))) {
                    long step = ring.latencyMicros() + 1_000 + ring.transitPricePerGbDroplets() + price;
                    best = Math.min(best, next(graph, weights, ring, to, destination, visited, through,
                            cost + step, hopsLeft));
                }
            }
        }
        return best;
    }

    private static long next(LinkGraph graph, CostWeights weights, VirtualRing ring, NodeKey to, NodeKey destination,
                             List<NodeKey> visited, List<NodeKey> through, long cost, int hopsLeft) {
        if (to.equals(destination)) {
            return cost;
        }
        List<NodeKey> longer = new ArrayList<>(visited);
        longer.addAll(through);
        longer.add(to);
        return brute(graph, weights, ring, to, destination, longer, cost, hopsLeft - 1);
    }
}
