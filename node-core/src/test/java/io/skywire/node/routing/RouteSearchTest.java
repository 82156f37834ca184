package io.skywire.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gateway discovery, expected price, guards and hop bounds on small hand-built graphs. */
class RouteSearchTest {

    private static final NodeKey ME = new NodeKey("0200");
    private static final NodeKey A = new NodeKey("02a0");
    private static final NodeKey B = new NodeKey("02b0");
    private static final NodeKey C = new NodeKey("02c0");
    private static final NodeKey D = new NodeKey("02d0");
    private static final NodeKey GW1 = new NodeKey("02f1");
    private static final NodeKey GW2 = new NodeKey("02f2");

    /** ME - A - GW1, ME - B - C - GW1, ME - D - GW2; A is expensive, GW2 is far but cheap. */
    private static LinkGraph graph() {
        LinkGraph graph = new LinkGraph()
                .addNode(new GraphNode(ME, 0, null))
                .addNode(new GraphNode(A, 900, null))
                .addNode(new GraphNode(B, 100, null))
                .addNode(new GraphNode(C, 100, null))
                .addNode(new GraphNode(D, 50, null))
                .addNode(new GraphNode(GW1, 10, new GatewayTerms(2_000, "eu")))
                .addNode(new GraphNode(GW2, 10, new GatewayTerms(500, "us")));
        graph.addLinks(ME, A, 1_000, 10_000_000).addLinks(A, GW1, 1_000, 10_000_000)
                .addLinks(ME, B, 1_000, 5_000_000).addLinks(B, C, 1_000, 10_000_000).addLinks(C, GW1, 1_000, 10_000_000)
                .addLinks(ME, D, 1_000, 10_000_000).addLinks(D, GW2, 30_000, 10_000_000);
        return graph;
    }

    @Test
    void breadthFirstFindsGatewaysNearestFirstWithinMaxHops() {
        RouteSearch search = new RouteSearch(graph(), CostWeights.defaults());
        assertThat(search.reachableGateways(ME, SearchConstraints.upTo(2))).containsExactly(GW1, GW2);
        assertThat(search.reachableGateways(ME, SearchConstraints.upTo(1))).isEmpty();
        assertThat(search.reachableGateways(ME, SearchConstraints.upTo(2).withExcluded(Set.of(D))))
                .containsExactly(GW1);
    }

    @Test
    void gatewayOptionsCarryTheExpectedPricePerGigabyteBeforeConnecting() {
        List<RoutePath> options = new RouteSearch(graph(), CostWeights.defaults())
                .gatewayOptions(ME, SearchConstraints.upTo(3));
        assertThat(options).extracting(RoutePath::destination).containsExactly(GW2, GW1);
        // GW2: transit D 50 + gateway 500. GW1: via A (4,000 of links + 900) beats B-C (6,000 of links + 200).
        assertThat(options.get(0).expectedDropletsPerGb()).isEqualTo(550);
        assertThat(options.get(0).latencyMicros()).isEqualTo(31_000);
        assertThat(options.get(1).hops()).containsExactly(A, GW1);
        assertThat(options.get(1).expectedDropletsPerGb()).isEqualTo(2_900);
    }

    @Test
    void disjointPathsToOneGatewayAreTheTwoThatExistCheapestFirst() {
        PathSet set = new RouteSearch(graph(), CostWeights.defaults()).disjointPaths(ME, GW1, 3,
                SearchConstraints.upTo(4));
        assertThat(set.paths()).extracting(RoutePath::hops).containsExactly(List.of(A, GW1), List.of(B, C, GW1));
        assertThat(set.paths().get(1).bottleneckBitsPerSecond()).isEqualTo(5_000_000);
        assertThat(set.exhaustive()).isTrue();
    }

    @Test
    void guardsPinEveryFirstHopAndMinimumHopsIsHonoured() {
        RouteSearch search = new RouteSearch(graph(), CostWeights.defaults());
        PathSet guarded = search.disjointPaths(ME, GW1, 2, SearchConstraints.upTo(4).withGuards(Set.of(B)));
        assertThat(guarded.paths()).extracting(RoutePath::hops).containsExactly(List.of(B, C, GW1));
        PathSet longOnly = search.disjointPaths(ME, GW1, 2, SearchConstraints.upTo(4).withMinHops(3));
        assertThat(longOnly.paths()).extracting(RoutePath::hops).containsExactly(List.of(B, C, GW1));
        assertThat(search.disjointPaths(ME, GW1, 2, SearchConstraints.upTo(4).withGuards(Set.of(D))).paths())
                .isEmpty();
    }

    @Test
    void refusesInvalidInput() {
        assertThatThrownBy(() -> new CostWeights(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchConstraints(Set.of(), Set.of(), 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeKey("0g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkGraph().addLink(new GraphLink(A, B, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RouteSearch(graph(), CostWeights.defaults()).disjointPaths(ME, new NodeKey("0299"), 2,
                SearchConstraints.upTo(3)).paths()).isEmpty();
    }
}
