package io.skywire.node.routing;

import java.util.Set;

/**
 * What every path a search returns must satisfy. Guard nodes are the design's privacy measure: a node pins a
 * small set of first hops, so the nodes that see its address as a route's previous hop are always the same few.
 *
 * @param guards   allowed first hops; empty means any (a path straight to the destination needs the destination
 *                 among the guards)
 * @param excluded nodes no path may pass through or end at
 * @param minHops  fewest links on a path (the test network asks for 3)
 * @param maxHops  most links on a path, 1..{@value #MAX_HOPS}
 */
public record SearchConstraints(Set<NodeKey> guards, Set<NodeKey> excluded, int minHops, int maxHops) {

    /** The longest path a search considers: the design's best routes are short, and enumeration grows with it. */
    public static final int MAX_HOPS = 8;

    public SearchConstraints {
        guards = Set.copyOf(guards);
        excluded = Set.copyOf(excluded);
        if (minHops < 1 || maxHops < minHops || maxHops > MAX_HOPS) {
            throw new IllegalArgumentException("hops must satisfy 1 <= min <= max <= " + MAX_HOPS + ", were "
                    + minHops + ".." + maxHops);
        }
    }

    /** Any path of 1 to {@code maxHops} links. */
    public static SearchConstraints upTo(int maxHops) {
        return new SearchConstraints(Set.of(), Set.of(), 1, maxHops);
    }

    /** These constraints with the first hops pinned to {@code guardNodes}. */
    public SearchConstraints withGuards(Set<NodeKey> guardNodes) {
        return new SearchConstraints(guardNodes, excluded, minHops, maxHops);
    }

    /** These constraints with {@code nodes} excluded. */
    public SearchConstraints withExcluded(Set<NodeKey> nodes) {
        return new SearchConstraints(guards, nodes, minHops, maxHops);
    }

    /** These constraints with at least {@code hops} links per path. */
    public SearchConstraints withMinHops(int hops) {
        return new SearchConstraints(guards, excluded, hops, maxHops);
    }

    boolean allowsFirstHop(NodeKey hop) {
        return guards.isEmpty() || guards.contains(hop);
    }
}
