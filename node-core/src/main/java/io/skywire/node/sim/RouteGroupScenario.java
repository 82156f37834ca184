package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.group.GroupCounter;
import io.skywire.node.group.RouteGroup;
import io.skywire.node.routing.CostWeights;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.PathSet;
import io.skywire.node.routing.RoutePath;
import io.skywire.node.routing.RouteSearch;
import io.skywire.node.routing.SearchConstraints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The design's two cable modems: N node-disjoint, bandwidth-limited routes between the same two nodes (chosen by
 * {@link RouteSearch} from a graph that also has links across the chains), measured
 * in one run as one route alone, then as one route group, then as a group that loses a route mid-transfer (its
 * first relay dies). Every link has the same rate, so the group's ceiling is N times one route's.
 */
public final class RouteGroupScenario implements Scenario {

    private static final long MS = 1_000_000L;

    /**
     * Parameters of one run.
     *
     * @param hops   links per route (2 or 3: one or two relays)
     * @param killAt fraction of the bytes received after which one route's relay dies; 0 skips the failure run
     */
    public record Params(int routes, int hops, double megabytes, long linkBitsPerSecond, long delayNanos,
                         double killAt, boolean erasure, long seed) {

        public Params {
            if (routes < 1 || routes > 8) {
                throw new IllegalArgumentException("--routes must be 1..8");
            }
            if (hops < 2 || hops > 3) {
                throw new IllegalArgumentException("--hops must be 2 or 3");
            }
            if (megabytes <= 0 || megabytes > 1_000) {
                throw new IllegalArgumentException("--megabytes must be in (0, 1000]");
            }
            if (linkBitsPerSecond < 100_000) {
                throw new IllegalArgumentException("--rate must be at least 0.1 Mb/s");
            }
            if (killAt < 0 || killAt >= 1 || killAt > 0 && routes < 2) {
                throw new IllegalArgumentException("--kill-at must be in [0, 1), and a kill needs 2 or more routes");
            }
        }

        /** The run: 3 routes of 2 hops, 4 MB, 10 Mb/s and 5 ms per link, a route dies halfway. */
        public static Params defaults() {
            return new Params(3, 2, 4, 10_000_000L, 5 * MS, 0.5, false, 21);
        }

        long totalBytes() {
            return (long) (megabytes * 1_000_000);
        }
    }

    /**
     * What the transfers showed; the counts are of the kill run when there is one. {@code chunksRebuilt -
     * rebuiltThenArrived} is what parity saved from the dead route; the rest were rebuilt before their slower
     * original arrived.
     */
    public record Result(Params params, double oneRouteMbps, double groupMbps, boolean groupIntact,
                         boolean killRun, long bytesSent, long bytesReceived, boolean sha256Match, int routesKilled,
                         long chunksResent, long chunksRebuilt, long rebuiltThenArrived, long parityAbandoned,
                         long duplicatesDropped, double killRunMbps) implements ScenarioResult {

        /** Group throughput over one route's, both measured in this run. */
        public double ratio() {
            return groupMbps / oneRouteMbps;
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "route-group").put("routes", params.routes()).put("hops", params.hops())
                    .put("megabytes", params.megabytes()).put("rateMbps", params.linkBitsPerSecond() / 1e6)
                    .put("erasure", params.erasure()).put("seed", params.seed())
                    .put("throughputOneRouteMbps", oneRouteMbps).put("throughputGroupMbps", groupMbps)
                    .put("ratio", ratio()).put("groupRunIntact", groupIntact).put("killRun", killRun)
                    .put("killAt", params.killAt()).put("bytesSent", bytesSent).put("bytesReceived", bytesReceived)
                    .put("sha256Match", sha256Match).put("routesKilled", routesKilled)
                    .put("chunksResent", chunksResent).put("chunksRebuilt", chunksRebuilt)
                    .put("rebuiltThenArrived", rebuiltThenArrived)
                    .put("parityAbandoned", parityAbandoned).put("duplicatesDropped", duplicatesDropped)
                    .put("throughputKillRunMbps", killRunMbps).toString();
        }
    }

    @Override
    public String name() {
        return "route-group";
    }

    @Override
    public String description() {
        return "N disjoint routes as one route group: throughput against one route, a route killed mid-transfer "
                + "loses no byte (optionally with XOR parity, nothing resent)";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("routes", "disjoint routes in the group", "3"),
                new ScenarioParameter("hops", "links per route, 2 or 3", "2"),
                new ScenarioParameter("megabytes", "bytes per transfer, MB", "4"),
                new ScenarioParameter("rate", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("kill-at", "fraction received when one route's relay dies; 0 = no kill run",
                        "0.5"),
                new ScenarioParameter("erasure", "XOR parity across routes, true or false", "false"),
                new ScenarioParameter("seed", "random seed", "21"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        String erasure = args.string("erasure");
        if (!erasure.equals("true") && !erasure.equals("false")) {
            throw new IllegalArgumentException("--erasure must be true or false");
        }
        return run(new Params((int) args.longValue("routes"), (int) args.longValue("hops"),
                args.doubleValue("megabytes"), (long) (args.doubleValue("rate") * 1_000_000),
                (long) (args.doubleValue("delay-ms") * MS), args.doubleValue("kill-at"), Boolean.parseBoolean(erasure),
                args.longValue("seed")));
    }

    /**
     * The topology: an origin, a destination, {@code routes} chains of relays between them, and links across
     * neighbouring chains, so the route search has non-disjoint paths to avoid.
     */
    private record Network(SimNode origin, SimNode destination, List<List<SimNode>> relays, LinkGraph graph) {

        /** The {@code count} paths the route search chose, as route specifications. */
        List<RouteSpec> specs(int count, int hops) {
            PathSet found = new RouteSearch(graph, CostWeights.defaults()).disjointPaths(NodeKey.of(origin.publicKey()),
                    NodeKey.of(destination.publicKey()), count, SearchConstraints.upTo(hops + 1).withMinHops(2));
            if (found.paths().size() < count) {
                throw new IllegalStateException("route search found " + found.paths().size() + " disjoint paths");
            }
            List<RouteSpec> specs = new ArrayList<>();
            for (RoutePath path : found.paths()) {
                specs.add(new RouteSpec(path.keyBytes(), QosClass.BULK, ForwardingMode.STORE_AND_FORWARD,
                        ROUTE_BUFFER));
            }
            return specs;
        }

        /** The relay the search put first on the last path it chose. */
        SimNode firstRelayOf(RouteSpec spec) {
            byte[] key = spec.path().get(0);
            for (List<SimNode> chain : relays) {
                if (java.util.Arrays.equals(chain.get(0).publicKey(), key)) {
                    return chain.get(0);
                }
            }
            throw new IllegalStateException("no relay with the path's first key");
        }
    }

    private static final int ROUTE_BUFFER = 64 * 1024;

    private static Network build(Simulator simulator, Params params) {
        EngineConfig config = EngineConfig.defaults().withLinkDeadNanos(40 * MS);
        LinkProfile link = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), 0);
        LinkGraph graph = new LinkGraph();
        SimNode origin = addNode(simulator, config, graph);
        SimNode destination = addNode(simulator, config, graph);
        List<List<SimNode>> relays = new ArrayList<>();
        for (int r = 0; r < params.routes(); r++) {
            List<SimNode> chain = new ArrayList<>();
            SimNode previous = origin;
            for (int h = 0; h + 1 < params.hops(); h++) {
                SimNode relay = addNode(simulator, config, graph);
                connect(simulator, previous, relay, link, graph);
                chain.add(relay);
                previous = relay;
            }
            connect(simulator, previous, destination, link, graph);
            if (r > 0) {
                connect(simulator, relays.get(r - 1).get(0), chain.get(0), link, graph);
            }
            relays.add(chain);
        }
        return new Network(origin, destination, relays, graph);
    }

    private static SimNode addNode(Simulator simulator, EngineConfig config, LinkGraph graph) {
        SimNode node = simulator.addNode(config);
        graph.addNode(new GraphNode(NodeKey.of(node.publicKey()), 0, null));
        return node;
    }

    private static void connect(Simulator simulator, SimNode a, SimNode b, LinkProfile link, LinkGraph graph) {
        simulator.connect(a, b, link, link, EngineConfig.DEFAULT_MTU);
        graph.addLinks(NodeKey.of(a.publicKey()), NodeKey.of(b.publicKey()), link.delayNanos() / 1_000,
                link.bitsPerSecond());
    }

    /** Runs the three transfers. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        Network net = build(simulator, params);
        long total = params.totalBytes();
        // Generous: ten times one route's ideal time, plus setup and failure detection.
        long limit = 10 * total * 8 * 1_000_000_000L / params.linkBitsPerSecond() + 10_000 * MS;

        StreamTransfer single = new StreamTransfer(simulator, net.origin(), net.destination(), total, params.seed());
        List<RouteSpec> specs = net.specs(params.routes(), params.hops());
        RouteHandle route = net.origin().openRoute(specs.get(0));
        single.start(route);
        simulator.runUntil(simulator.now() + limit, single::complete);
        if (!single.complete() || !single.intact) {
            throw new IllegalStateException("the single-route baseline did not complete intact");
        }
        double oneRoute = mbps(total, single.completedAt - single.establishedAt);
        net.origin().closeRoute(route);

        GroupTransfer group = new GroupTransfer(simulator, net.origin(), net.destination(), total, params.seed(),
                params.erasure());
        group.start(specs);
        simulator.runUntil(simulator.now() + limit, group::complete);
        boolean groupIntact = group.complete() && group.hashesMatch();
        double groupMbps = group.complete() ? mbps(total, group.completedAt - group.startedAt) : 0;
        group.close();

        if (params.killAt() <= 0) {
            return new Result(params, oneRoute, groupMbps, groupIntact, false, group.written, group.received,
                    group.hashesMatch(), 0, resent(group), rebuilt(group),
                    count(group.receiverGroup(), GroupCounter.REBUILT_THEN_ARRIVED), abandoned(group),
                    duplicates(group), 0);
        }
        GroupTransfer victim = new GroupTransfer(simulator, net.origin(), net.destination(), total, params.seed() + 1,
                params.erasure());
        SimNode dying = net.firstRelayOf(specs.get(specs.size() - 1));
        long killAfter = (long) (params.killAt() * total);
        victim.onProgress(received -> {
            if (received >= killAfter && dying.alive()) {
                simulator.kill(dying);
            }
        });
        victim.start(specs);
        simulator.runUntil(simulator.now() + limit, victim::complete);
        double killMbps = victim.complete() ? mbps(total, victim.completedAt - victim.startedAt) : 0;
        return new Result(params, oneRoute, groupMbps, groupIntact, true, victim.written, victim.received,
                victim.complete() && victim.hashesMatch(), dying.alive() ? 0 : 1, resent(victim), rebuilt(victim),
                count(victim.receiverGroup(), GroupCounter.REBUILT_THEN_ARRIVED), abandoned(victim),
                duplicates(victim), killMbps);
    }

    private static double mbps(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes * 8.0 / nanos * 1_000;
    }

    private static long resent(GroupTransfer transfer) {
        return count(transfer.senderGroup(), GroupCounter.CHUNKS_RESENT);
    }

    private static long rebuilt(GroupTransfer transfer) {
        return count(transfer.receiverGroup(), GroupCounter.CHUNKS_REBUILT);
    }

    private static long abandoned(GroupTransfer transfer) {
        return count(transfer.senderGroup(), GroupCounter.PARITY_ABANDONED);
    }

    private static long duplicates(GroupTransfer transfer) {
        return count(transfer.receiverGroup(), GroupCounter.DATA_DUPLICATE);
    }

    private static long count(RouteGroup group, GroupCounter counter) {
        return group == null ? 0 : group.counters().get(counter);
    }
}
