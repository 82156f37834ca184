package io.skywire.node.service;

import io.skywire.node.discovery.KnownLinkGraph;
import io.skywire.node.identity.NodeId;
import io.skywire.node.routing.CostWeights;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.PathSet;
import io.skywire.node.routing.RouteSearch;
import io.skywire.node.routing.SearchConstraints;
import io.skywire.node.runtime.NodeRuntime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** How the host finds a path to a service peer: the hops after this node, the last one the peer. */
@FunctionalInterface
public interface PathFinder {

    /** Fails with {@link IllegalStateException} when no path is known. */
    CompletableFuture<List<NodeId>> pathTo(NodeId peer);

    /** Longest path tried through the known link graph. */
    int MAX_HOPS = 6;

    /**
     * A direct route when the peer is a linked neighbour this node may use as a first hop; otherwise the cheapest
     * path in the known link graph (links both ends' records name, ARCHITECTURE "Known link graph") within
     * {@link #MAX_HOPS}, starting at one of the node's guards when it has any.
     */
    static PathFinder overKnownLinks(NodeRuntime node) {
        return peer -> CompletableFuture.supplyAsync(() -> {
            Set<NodeId> guards = node.guards();
            Set<NodeId> linked = node.discovery().linkedNeighbours();
            if (linked.contains(peer) && (guards.isEmpty() || guards.contains(peer))) {
                return List.of(peer);
            }
            KnownLinkGraph known = KnownLinkGraph.of(node.nodeId(), node.discovery().knownPeers(), linked,
                    System.currentTimeMillis() / 1000, KnownLinkGraph.DEFAULT_LATENCY_MICROS);
            SearchConstraints constraints = SearchConstraints.upTo(MAX_HOPS).withGuards(
                    guards.stream().map(guard -> NodeKey.of(guard.key())).collect(Collectors.toSet()));
            PathSet paths = new RouteSearch(known.graph(), CostWeights.defaults())
                    .disjointPaths(NodeKey.of(node.nodeId().key()), NodeKey.of(peer.key()), 1, constraints);
            if (paths.paths().isEmpty()) {
                throw new IllegalStateException("no known path to " + peer.fingerprint());
            }
            return paths.paths().get(0).hops().stream().map(hop -> new NodeId(hop.bytes())).toList();
        });
    }
}
