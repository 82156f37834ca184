package io.skywire.node.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Route search over a {@link LinkGraph}, for the design's IPv4 case: a breadth-first search for gateways within a
 * few hops, then the k cheapest node-disjoint paths to the chosen destination.
 *
 * <p>Why not Suurballe or successive shortest paths: they find k disjoint paths of least total cost, but they
 * cannot bound the hop count, and a route must have at least {@code minHops} and at most {@code maxHops} links
 * (the test network asks for 3 or more). Disjoint paths under a length bound are NP-hard in general (Itai, Perl
 * and Shiloach, 1982), so this search is exact by construction instead: it enumerates every simple path within
 * the hop bounds (the design's point is that the good routes are short, so there are few), then picks the set of
 * mutually disjoint paths with the most paths (up to k) and, among those, the least total cost, by branch and
 * bound over the candidates sorted by cost. Both steps have a budget; when one is reached the answer says it is
 * not exhaustive. Deterministic: ties are broken by the hop keys.
 *
 * <p>A {@link VirtualRing} in the graph is one more kind of step: from any member to any other, counted as one hop
 * and costed by {@link CostWeights} as a link of the ring's latency through a node of the ring's price. Paths over
 * links and paths across the ring compete on cost, so the ring is used where it is cheaper and not where it is not.
 * The members a crossing passes between entry and exit are part of the path's setup hops ({@link
 * RoutePath#setupHops()}): they must be off the path elsewhere, they count for disjointness, and the first of them
 * is the first hop a guard rule sees.
 */
public final class RouteSearch {

    /** Most candidate paths enumerated per search. */
    public static final int MAX_CANDIDATES = 20_000;
    /** Most branch-and-bound steps per search. */
    public static final long MAX_STEPS = 2_000_000;

    private static final Comparator<RoutePath> BY_COST = Comparator.comparingLong(RoutePath::cost)
            .thenComparing(p -> p.hops().toString()).thenComparingInt(p -> p.ringHops().size());

    private final LinkGraph graph;
    private final CostWeights weights;

    public RouteSearch(LinkGraph graph, CostWeights weights) {
        this.graph = graph;
        this.weights = weights;
    }

    /**
     * The gateways reachable from {@code origin} within {@code constraints.maxHops()} links, nearest first: a
     * breadth-first search that honours guards (first hops) and excluded nodes.
     */
    public List<NodeKey> reachableGateways(NodeKey origin, SearchConstraints constraints) {
        List<NodeKey> gateways = new ArrayList<>();
        Set<NodeKey> seen = new HashSet<>();
        seen.add(origin);
        ArrayDeque<NodeKey> layer = new ArrayDeque<>(List.of(origin));
        for (int depth = 1; depth <= constraints.maxHops() && !layer.isEmpty(); depth++) {
            ArrayDeque<NodeKey> next = new ArrayDeque<>();
            for (NodeKey node : layer) {
                for (GraphLink link : graph.linksFrom(node)) {
                    reach(link.to(), link.to(), depth, constraints, seen, next, gateways);
                }
                for (VirtualRing ring : graph.ringsOf(node)) {
                    for (NodeKey to : ring.members()) {
                        if (!to.equals(node)) {
                            List<NodeKey> through = ring.between(node, to);
                            reach(to, through.isEmpty() ? to : through.get(0), depth, constraints, seen, next,
                                    gateways);
                        }
                    }
                }
            }
            layer = next;
        }
        return gateways;
    }

    private void reach(NodeKey to, NodeKey firstHop, int depth, SearchConstraints constraints, Set<NodeKey> seen,
                       ArrayDeque<NodeKey> next, List<NodeKey> gateways) {
        if (seen.contains(to) || constraints.excluded().contains(to)
                || depth == 1 && !constraints.allowsFirstHop(firstHop)) {
            return;
        }
        seen.add(to);
        next.add(to);
        if (graph.node(to).isGateway()) {
            gateways.add(to);
        }
    }

    /**
     * For every reachable gateway, the cheapest path to it that satisfies {@code constraints}, sorted by what a GB
     * will cost (transit plus gateway price), then by routing cost: what a client shows before connecting.
     */
    public List<RoutePath> gatewayOptions(NodeKey origin, SearchConstraints constraints) {
        List<RoutePath> options = new ArrayList<>();
        for (NodeKey gateway : reachableGateways(origin, constraints)) {
            PathSet best = disjointPaths(origin, gateway, 1, constraints);
            options.addAll(best.paths());
        }
        options.sort(Comparator.comparingLong(RoutePath::expectedDropletsPerGb).thenComparing(BY_COST));
        return options;
    }

    /**
     * Up to {@code k} node-disjoint paths from {@code origin} to {@code destination}: as many as exist (at most k),
     * and of those sets the one with the least total cost.
     */
    public PathSet disjointPaths(NodeKey origin, NodeKey destination, int k, SearchConstraints constraints) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (graph.node(origin) == null || graph.node(destination) == null || origin.equals(destination)
                || constraints.excluded().contains(destination)) {
            return new PathSet(List.of(), 0, true);
        }
        Enumeration enumeration = new Enumeration(origin, destination, constraints);
        enumeration.walk(origin, 0);
        List<RoutePath> candidates = enumeration.found;
        candidates.sort(BY_COST);
        Selection selection = new Selection(candidates);
        for (int target = Math.min(k, candidates.size()); target >= 1; target--) {
            List<RoutePath> chosen = selection.cheapestSet(target);
            if (chosen != null) {
                long total = chosen.stream().mapToLong(RoutePath::cost).sum();
                return new PathSet(chosen, total, enumeration.complete && !selection.budgetReached);
            }
        }
        return new PathSet(List.of(), 0, enumeration.complete && !selection.budgetReached);
    }

    /** Builds the value of a path the enumeration found; {@code rings} holds the ring of each step, or null. */
    private RoutePath describe(NodeKey origin, List<NodeKey> hops, List<RingHop> rings) {
        long latency = 0;
        long bottleneck = Long.MAX_VALUE;
        long droplets = 0;
        long cost = 0;
        NodeKey previous = origin;
        List<RingHop> ringHops = new ArrayList<>();
        for (int i = 0; i < hops.size(); i++) {
            NodeKey hop = hops.get(i);
            GraphNode node = graph.node(hop);
            boolean transit = i < hops.size() - 1;
            RingHop ringHop = rings.get(i);
            if (ringHop == null) {
                GraphLink link = graph.link(previous, hop);
                latency += link.latencyMicros();
                bottleneck = Math.min(bottleneck, link.capacityBitsPerSecond());
                cost = Math.addExact(cost, weights.linkCost(graph, previous, hop, transit));
            } else {
                VirtualRing ring = ringHop.ring();
                ringHops.add(ringHop);
                latency += ring.latencyMicros();
                bottleneck = Math.min(bottleneck, ring.capacityBitsPerSecond());
                droplets = Math.addExact(droplets, ring.transitPricePerGbDroplets());
                cost = Math.addExact(cost, weights.ringCost(graph, ring, hop, transit));
            }
            if (transit) {
                droplets = Math.addExact(droplets, node.transitPricePerGbDroplets());
            } else if (node.isGateway()) {
                droplets = Math.addExact(droplets, node.gateway().pricePerGbDroplets());
            }
            previous = hop;
        }
        return new RoutePath(hops, cost, droplets, latency, bottleneck, ringHops);
    }

    /** Depth-first enumeration of the simple paths within the hop bounds. */
    private final class Enumeration {
        final NodeKey origin;
        final NodeKey destination;
        final SearchConstraints constraints;
        final List<RoutePath> found = new ArrayList<>();
        final List<NodeKey> stack = new ArrayList<>();
        final List<RingHop> ringStack = new ArrayList<>();
        final Set<NodeKey> onPath = new HashSet<>();
        boolean complete = true;

        Enumeration(NodeKey origin, NodeKey destination, SearchConstraints constraints) {
            this.origin = origin;
            this.destination = destination;
            this.constraints = constraints;
            onPath.add(origin);
        }

        void walk(NodeKey at, int depth) {
            for (GraphLink link : graph.linksFrom(at)) {
                if (!step(link.to(), null, depth)) {
                    return;
                }
            }
            for (VirtualRing ring : graph.ringsOf(at)) {
                for (NodeKey to : ring.members()) {
                    if (!to.equals(at) && !step(to, new RingHop(stack.size(), ring, ring.between(at, to)), depth)) {
                        return;
                    }
                }
            }
        }

        /** Extends the path by one step to {@code to}, over a link or across a ring; false when out of budget. */
        private boolean step(NodeKey to, RingHop ringHop, int depth) {
            if (found.size() >= MAX_CANDIDATES) {
                complete = false;
                return false;
            }
            List<NodeKey> through = ringHop == null ? List.of() : ringHop.through();
            NodeKey firstHop = through.isEmpty() ? to : through.get(0);
            if (onPath.contains(to) || constraints.excluded().contains(to)
                    || depth == 0 && !constraints.allowsFirstHop(firstHop)) {
                return true;
            }
            for (NodeKey passed : through) {
                if (onPath.contains(passed) || constraints.excluded().contains(passed) || passed.equals(destination)) {
                    return true;
                }
            }
            stack.add(to);
            ringStack.add(ringHop);
            onPath.addAll(through);
            if (to.equals(destination)) {
                if (depth + 1 >= constraints.minHops()) {
                    found.add(describe(origin, stack, ringStack));
                }
            } else if (depth + 1 < constraints.maxHops()) {
                onPath.add(to);
                walk(to, depth + 1);
                onPath.remove(to);
            }
            onPath.removeAll(through);
            stack.remove(stack.size() - 1);
            ringStack.remove(ringStack.size() - 1);
            return true;
        }
    }

    /** Branch and bound over candidates sorted by cost: the cheapest set of a given size sharing no transit node. */
    private static final class Selection {
        final List<RoutePath> candidates;
        final BitSet[] transit;
        final long[] prefix;
        long steps;
        boolean budgetReached;
        long bestCost;
        int[] best;
        final int[] current;

        Selection(List<RoutePath> candidates) {
            this.candidates = candidates;
            Map<NodeKey, Integer> index = new HashMap<>();
            transit = new BitSet[candidates.size()];
            prefix = new long[candidates.size() + 1];
            for (int i = 0; i < candidates.size(); i++) {
                BitSet nodes = new BitSet();
                List<NodeKey> setup = candidates.get(i).setupHops();
                for (NodeKey node : setup.subList(0, setup.size() - 1)) {
                    nodes.set(index.computeIfAbsent(node, n -> index.size()));
                }
                transit[i] = nodes;
                prefix[i + 1] = saturatingAdd(prefix[i], candidates.get(i).cost());
            }
            current = new int[candidates.size()];
        }

        List<RoutePath> cheapestSet(int size) {
            best = null;
            bestCost = Long.MAX_VALUE;
            steps = 0;
            search(0, 0, size, new BitSet(), 0);
            if (best == null) {
                return null;
            }
            List<RoutePath> chosen = new ArrayList<>();
            for (int i : best) {
                chosen.add(candidates.get(i));
            }
            return chosen;
        }

        private void search(int from, int chosen, int size, BitSet used, long cost) {
            if (chosen == size) {
                if (cost < bestCost) {
                    bestCost = cost;
                    best = java.util.Arrays.copyOf(current, size);
                }
                return;
            }
            int need = size - chosen;
            for (int i = from; i + need <= candidates.size(); i++) {
                if (++steps > MAX_STEPS) {
                    budgetReached = true;
                    return;
                }
                // The cheapest completion from here takes the next `need` candidates; later ones cost more.
                if (saturatingAdd(cost, prefix[i + need] - prefix[i]) >= bestCost) {
                    return;
                }
                // Only one candidate can be the direct link, so an empty transit set never repeats.
                if (transit[i].intersects(used)) {
                    continue;
                }
                current[chosen] = i;
                used.or(transit[i]);
                search(i + 1, chosen + 1, size, used, cost + candidates.get(i).cost());
                used.andNot(transit[i]);
                if (budgetReached) {
                    return;
                }
            }
        }

        private static long saturatingAdd(long a, long b) {
            long sum = a + b;
            return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
