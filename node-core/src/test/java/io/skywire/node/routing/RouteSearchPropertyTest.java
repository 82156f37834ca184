package io.skywire.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random graphs checked against brute force: the cost rule, and that the chosen paths are valid,
 * disjoint, loop-free, as many as exist (up to k) and no costlier than any other disjoint set.
 */
class RouteSearchPropertyTest {

    private static final int GRAPHS = 150;

    private static NodeKey key(int i) {
        return new NodeKey(String.format("02%02x", i));
    }

    private static LinkGraph randomGraph(SplittableRandom random, int nodes) {
        LinkGraph graph = new LinkGraph();
        for (int i = 0; i < nodes; i++) {
            GatewayTerms gateway = random.nextInt(3) == 0 ? new GatewayTerms(random.nextInt(5_000), "r") : null;
            graph.addNode(new GraphNode(key(i), random.nextInt(3_000), gateway));
        }
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                if (a != b && random.nextInt(100) < 45) {
                    graph.addLink(new GraphLink(key(a), key(b), random.nextInt(20_000), 1_000_000));
                }
            }
        }
        return graph;
    }

    /** Every simple path by brute force over node sequences, without the search's enumeration. */
    private static void allPaths(LinkGraph graph, int nodes, List<NodeKey> path, NodeKey at, NodeKey destination,
                                 SearchConstraints c, List<List<NodeKey>> out) {
        for (int i = 0; i < nodes; i++) {
            NodeKey next = key(i);
            if (graph.link(at, next) == null || path.contains(next) || next.equals(key(0))) {
                continue;
            }
            List<NodeKey> longer = new ArrayList<>(path);
            longer.add(next);
            if (next.equals(destination)) {
                out.add(longer);
            } else if (longer.size() < c.maxHops()) {
                allPaths(graph, nodes, longer, next, destination, c, out);
            }
        }
    }

    private static boolean valid(List<NodeKey> hops, SearchConstraints c) {
        if (hops.size() < c.minHops() || hops.size() > c.maxHops() || !c.allowsFirstHop(hops.get(0))) {
            return false;
        }
        return hops.stream().noneMatch(c.excluded()::contains);
    }

    private static boolean disjoint(List<List<NodeKey>> paths) {
        Set<NodeKey> seen = new HashSet<>();
        for (List<NodeKey> path : paths) {
            for (NodeKey node : path.subList(0, path.size() - 1)) {
                if (!seen.add(node)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The cheapest total cost of {@code size} disjoint paths, or Long.MAX_VALUE when there is no such set. */
    private static long bruteCheapest(List<List<NodeKey>> paths, List<Long> costs, int size, int from,
                                      List<List<NodeKey>> chosen, long cost) {
        if (chosen.size() == size) {
            return disjoint(chosen) ? cost : Long.MAX_VALUE;
        }
        long best = Long.MAX_VALUE;
        for (int i = from; i < paths.size(); i++) {
            chosen.add(paths.get(i));
            if (disjoint(chosen)) {
                best = Math.min(best, bruteCheapest(paths, costs, size, i + 1, chosen, cost + costs.get(i)));
            }
            chosen.remove(chosen.size() - 1);
        }
        return best;
    }

    @Test
    void costsObeyTheDesignsRuleOnEverySplitOfEveryPath() {
        SplittableRandom random = new SplittableRandom(41);
        CostWeights weights = new CostWeights(3, 2, 500);
        int checked = 0;
        for (int g = 0; g < GRAPHS; g++) {
            int nodes = 5 + random.nextInt(3);
            LinkGraph graph = randomGraph(random, nodes);
            List<List<NodeKey>> paths = new ArrayList<>();
            allPaths(graph, nodes, new ArrayList<>(), key(0), key(nodes - 1), SearchConstraints.upTo(6), paths);
            for (List<NodeKey> path : paths) {
                long whole = weights.cost(graph, key(0), path);
                for (int split = 0; split < path.size() - 1; split++) {
                    NodeKey middle = path.get(split);
                    long first = weights.cost(graph, key(0), path.subList(0, split + 1));
                    long second = weights.cost(graph, middle, path.subList(split + 1, path.size()));
                    assertThat(whole).isGreaterThanOrEqualTo(first + second);
                    checked++;
                }
            }
        }
        assertThat(checked).as("splits checked").isGreaterThan(1_000);
    }

    @Test
    void chosenPathsAreValidDisjointMaximalAndNoCostlierThanBruteForce() {
        SplittableRandom random = new SplittableRandom(7);
        CostWeights weights = CostWeights.defaults();
        int sets = 0;
        for (int g = 0; g < GRAPHS; g++) {
            int nodes = 6 + random.nextInt(2);
            LinkGraph graph = randomGraph(random, nodes);
            NodeKey origin = key(0);
            NodeKey destination = key(nodes - 1);
            SearchConstraints c = new SearchConstraints(Set.of(), Set.of(), 1 + random.nextInt(2),
                    2 + random.nextInt(3));
            if (random.nextBoolean()) {
                c = c.withGuards(Set.of(key(1), key(2), key(3)));
            }
            if (random.nextBoolean()) {
                c = c.withExcluded(Set.of(key(4)));
            }
            int k = 1 + random.nextInt(3);
            PathSet result = new RouteSearch(graph, weights).disjointPaths(origin, destination, k, c);
            assertThat(result.exhaustive()).isTrue();

            List<List<NodeKey>> all = new ArrayList<>();
            allPaths(graph, nodes, new ArrayList<>(), origin, destination, c, all);
            SearchConstraints constraints = c;
            all.removeIf(p -> !valid(p, constraints));
            List<Long> costs = all.stream().map(p -> weights.cost(graph, origin, p)).toList();

            List<List<NodeKey>> chosen = result.paths().stream().map(RoutePath::hops).toList();
            for (RoutePath path : result.paths()) {
                assertThat(valid(path.hops(), c)).as("constraints of %s", path).isTrue();
                assertThat(new HashSet<>(path.hops())).as("loop-free").hasSize(path.hops().size());
                assertThat(path.hops()).doesNotContain(origin);
                assertThat(path.destination()).isEqualTo(destination);
                assertThat(path.cost()).isEqualTo(weights.cost(graph, origin, path.hops()));
                assertThat(all).contains(path.hops());
            }
            assertThat(disjoint(chosen)).as("disjoint").isTrue();
            // As many paths as any disjoint set has, up to k.
            int possible = 0;
            for (int size = Math.min(k, all.size()); size >= 1; size--) {
                if (bruteCheapest(all, costs, size, 0, new ArrayList<>(), 0) != Long.MAX_VALUE) {
                    possible = size;
                    break;
                }
            }
            assertThat(chosen).hasSize(possible);
            if (possible > 0) {
                long brute = bruteCheapest(all, costs, possible, 0, new ArrayList<>(), 0);
                assertThat(result.totalCost()).isEqualTo(brute);
                sets++;
            }
            if (k == 1 && !all.isEmpty()) {
                assertThat(result.paths().get(0).cost()).isEqualTo(costs.stream().mapToLong(Long::longValue).min()
                        .orElseThrow());
            }
        }
        assertThat(sets).as("graphs with at least one path").isGreaterThan(GRAPHS / 2);
    }
}
