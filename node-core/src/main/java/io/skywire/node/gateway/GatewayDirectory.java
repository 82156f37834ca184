package io.skywire.node.gateway;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.skywire.node.discovery.KnownLinkGraph;
import io.skywire.node.identity.NodeId;
import io.skywire.node.routing.CostWeights;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.PathSet;
import io.skywire.node.routing.RoutePath;
import io.skywire.node.routing.RouteSearch;
import io.skywire.node.routing.SearchConstraints;
import io.skywire.node.runtime.NodeRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways a client can use, found rather than configured: from the records discovery holds it builds the
 * known link graph ({@link KnownLinkGraph}: a link only where both ends name each other), searches from this node
 * to every gateway in it ({@link RouteSearch}: breadth-first within the hop bounds, the node's guards as first
 * hops, up to k node-disjoint paths) and lists each gateway as a {@link GatewayCandidate} over those paths,
 * with the expected cost per GB (every transit node's advertised price plus the gateway's) known before
 * connecting. It recomputes shortly after discovery learns something and every few seconds (records expire), off
 * the node's event loop, and asks discovery to look up again the records at both ends of a link only one end
 * names (one of them is usually a version from before the link came up).
 */
public final class GatewayDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayDirectory.class);
    /** How long after a discovery change the directory recomputes: a burst of records costs one search. */
    static final long SETTLE_MILLIS = 200;
    /** Recomputed at least this often, so expired records leave the directory. */
    static final long REFRESH_MILLIS = 5_000;

    /**
     * How the directory searches.
     *
     * @param minHops       fewest links from this node to a gateway (3 keeps the gateway from learning who asks)
     * @param maxHops       most links
     * @param disjointPaths how many node-disjoint paths to find per gateway
     * @param latencyMicros the one-way latency assumed for a link nobody measured
     */
    public record Settings(int minHops, int maxHops, int disjointPaths, long latencyMicros) {

        public Settings {
            new SearchConstraints(Set.of(), Set.of(), minHops, maxHops); // checks the hop bounds
            if (disjointPaths < 1 || latencyMicros < 0) {
                throw new IllegalArgumentException("need at least one path and a non-negative latency");
            }
        }

        /** At least 3 hops, at most 6, two disjoint paths per gateway. */
        public static Settings defaults() {
            return new Settings(3, 6, 2, KnownLinkGraph.DEFAULT_LATENCY_MICROS);
        }
    }

    private final NodeRuntime node;
    private final Settings settings;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<Consumer<List<GatewayCandidate>>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile List<GatewayCandidate> candidates = List.of();
    private volatile boolean closed;

    private GatewayDirectory(NodeRuntime node, Settings settings) {
        this.node = node;
        this.settings = settings;
        this.executor = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("skywire-directory-" + node.nodeId().fingerprint(), true));
    }

    /** Starts listing the gateways {@code node}'s discovery knows of, with the node's guards as first hops. */
    public static GatewayDirectory start(NodeRuntime node, Settings settings) {
        GatewayDirectory directory = new GatewayDirectory(node, settings);
        directory.node.discovery().onChange(directory::changed);
        directory.executor.scheduleWithFixedDelay(directory::refresh, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        return directory;
    }

    /** The gateways as last computed, cheapest expected cost per GB first. */
    public List<GatewayCandidate> candidates() {
        return candidates;
    }

    /**
     * Who hears of every changed list (on the directory's thread; must not block long). A listener added after the
     * first gateways were found hears the current list at once, on the caller's thread: under the same lock as a
     * recomputation, so no list computed between the caller's last look at {@link #candidates()} and this call is
     * lost, and the listener hears the lists in the order they were computed.
     */
    public synchronized void onUpdate(Consumer<List<GatewayCandidate>> listener) {
        listeners.add(listener);
        if (!candidates.isEmpty()) {
            listener.accept(candidates);
        }
    }

    /** Recomputes now and returns the new list (blocks while the node's loop answers). */
    public List<GatewayCandidate> refreshNow() {
        refresh();
        return candidates;
    }

    private void changed() {
        if (!closed && pending.compareAndSet(false, true)) {
            executor.schedule(this::refresh, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void refresh() {
        pending.set(false);
        if (closed) {
            return;
        }
        try {
            KnownLinkGraph known = KnownLinkGraph.of(node.nodeId(), node.discovery().knownPeers(),
                    node.discovery().linkedNeighbours(), System.currentTimeMillis() / 1000,
                    settings.latencyMicros());
            if (!known.oneSided().isEmpty()) {
                node.discovery().refreshRecords(known.oneSided());
            }
            List<GatewayCandidate> computed = search(known.graph(), node.nodeId(), node.guards(), settings);
            if (!computed.equals(candidates)) {
                LOG.info("gateway directory of {}: {} gateways", node.nodeId().fingerprint(), computed.size());
                candidates = computed;
                for (Consumer<List<GatewayCandidate>> listener : listeners) {
                    listener.accept(computed);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("gateway directory of {} not recomputed: {}", node.nodeId().fingerprint(), e.toString());
        }
    }

    /**
     * Every gateway reachable from {@code self} in {@code graph} under the settings and guards, over up to k
     * node-disjoint paths each (cheapest first; the tunnel joins them into a route group), priced at the dearest
     * path's transit plus the gateway (see {@link GatewayCandidate}), cheapest expected cost per GB first (then
     * fewer hops, then the gateway's key).
     */
    public static List<GatewayCandidate> search(LinkGraph graph, NodeId self, Set<NodeId> guards,
                                                Settings settings) {
        NodeKey origin = NodeKey.of(self.key());
        SearchConstraints constraints = new SearchConstraints(
                guards.stream().map(guard -> NodeKey.of(guard.key())).collect(java.util.stream.Collectors.toSet()),
                Set.of(), settings.minHops(), settings.maxHops());
        RouteSearch search = new RouteSearch(graph, CostWeights.defaults());
        List<GatewayCandidate> found = new ArrayList<>();
        for (NodeKey gateway : search.reachableGateways(origin, constraints)) {
            PathSet paths = search.disjointPaths(origin, gateway, settings.disjointPaths(), constraints);
            if (paths.paths().isEmpty()) {
                continue;
            }
            long gatewayPrice = graph.node(gateway).gateway().pricePerGbDroplets();
            long dearestTransit = 0;
            for (RoutePath path : paths.paths()) {
                dearestTransit = Math.max(dearestTransit, path.expectedDropletsPerGb() - gatewayPrice);
            }
            found.add(GatewayCandidate.overPaths(paths.paths().stream().map(GatewayDirectory::nodeIds).toList(),
                    gatewayPrice, dearestTransit, graph.node(gateway).gateway().region()));
        }
        found.sort(Comparator.comparingLong(GatewayCandidate::expectedCostPerGbDroplets)
                .thenComparingInt(GatewayCandidate::hops)
                .thenComparing(candidate -> candidate.gateway().hex()));
        return List.copyOf(found);
    }

    private static List<NodeId> nodeIds(RoutePath path) {
        return path.setupHops().stream().map(key -> new NodeId(key.bytes())).toList();
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
