package io.skywire.node.routing;

import java.util.List;

/**
 * The node-disjoint paths a search chose, cheapest first.
 *
 * @param paths      the paths; they share no node but the origin and the destination
 * @param totalCost  the sum of their costs
 * @param exhaustive false when a search bound (candidate count or search steps) was reached, so a cheaper set
 *                   may exist; the paths are still valid and disjoint
 */
public record PathSet(List<RoutePath> paths, long totalCost, boolean exhaustive) {

    public PathSet {
        paths = List.copyOf(paths);
    }
}
