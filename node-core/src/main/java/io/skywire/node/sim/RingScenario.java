package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.routing.CostWeights;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.PathSet;
import io.skywire.node.routing.RingHop;
import io.skywire.node.routing.RoutePath;
import io.skywire.node.routing.RouteSearch;
import io.skywire.node.routing.SearchConstraints;
import io.skywire.node.routing.VirtualRing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A many-to-many virtual route (the design's SONET ring) in use. Ring members M0..Mn-1 each keep a virtual link
 * (PROTOCOL.md 2.6) to the next member over a relay Pi between them; the origin O is linked to M0 and to the dearer
 * M1, the destination D to M3, and a plain chain Q0-Q1-Q2 also joins O to D. Route search over what O knows, with
 * the ring as one hop, picks the entry and exit members; the route is opened along the path's setup hops (round
 * the ring the shorter way) and a patterned stream crosses it, checked byte by byte at D. The same search with the
 * ring priced high takes the chain instead: the ring is used where it is cheaper and not where it is not.
 */
public final class RingScenario implements Scenario {

    private static final long MS = 1_000_000L;
    private static final long MEMBER_PRICE = 100;
    private static final long CHAIN_PRICE = 5_000;
    private static final long LINK_LATENCY_MICROS = 5_000;

    /**
     * Parameters of one run.
     *
     * @param members           ring members, at least 4 (M3 is the far member D hangs off)
     * @param ringPrice         the ring's transit price per GB, in droplets
     * @param kilobytes         the transfer across the ring, in kB (10^3)
     */
    public record Params(int members, long ringPrice, long kilobytes, long linkBitsPerSecond, long maxNanos,
                         long seed) {

        public Params {
            if (members < 4 || members > 8) {
                throw new IllegalArgumentException("--members must be 4..8");
            }
            if (ringPrice < 0 || kilobytes < 1) {
                throw new IllegalArgumentException("--ring-price must not be negative and --kilobytes positive");
            }
        }

        /** Five members, a ring at 300 droplets per GB, 1 MB across it. */
        public static Params defaults() {
            return new Params(5, 300, 1_000, 20_000_000, 60_000 * MS, 13);
        }
    }

    /**
     * What happened: the chosen path and the one chosen with the ring priced high, the bytes across, and the bytes
     * each ring segment's relay sent (the route's segments carry the stream; the others only their link's upkeep).
     */
    public record Result(Params params, List<String> searchHops, List<String> setupPath, String entry, String exit,
                         List<String> passed, long cost, List<String> dearRingSetupPath, long dearRingCost,
                         boolean established, long bytesSent, long bytesDelivered, boolean intact,
                         Map<String, Long> segmentRelayBytes, double simulatedSeconds) implements ScenarioResult {

        /** Whether the ring was crossed and the stream arrived whole. */
        public boolean crossed() {
            return entry != null && established && intact && bytesDelivered == bytesSent;
        }

        @Override
        public String toJson() {
            Json segments = new Json();
            segmentRelayBytes.forEach(segments::put);
            return new Json().put("scenario", "ring").put("members", params.members())
                    .put("ringPrice", params.ringPrice()).put("seed", params.seed())
                    .putRaw("searchHops", strings(searchHops)).putRaw("setupPath", strings(setupPath))
                    .putRaw("entry", quoted(entry)).putRaw("exit", quoted(exit))
                    .putRaw("passedMembers", strings(passed)).put("hopsUsed", setupPath.size())
                    .put("cost", cost).putRaw("dearRingSetupPath", strings(dearRingSetupPath))
                    .put("dearRingCost", dearRingCost).put("established", established).put("bytesSent", bytesSent)
                    .put("bytesDelivered", bytesDelivered).put("intact", intact)
                    .putRaw("segmentRelayBytes", segments.toString()).put("simulatedSeconds", simulatedSeconds)
                    .toString();
        }

        private static String strings(List<String> values) {
            List<String> quoted = new ArrayList<>();
            for (String value : values) {
                quoted.add(quoted(value));
            }
            return "[" + String.join(",", quoted) + "]";
        }

        /** A node name as a JSON string, or null when the ring was not crossed. */
        private static String quoted(String name) {
            return name == null ? "null" : '"' + name + '"';
        }
    }

    @Override
    public String name() {
        return "ring";
    }

    @Override
    public String description() {
        return "a many-to-many virtual route as one hop in route search: traffic enters and leaves at chosen members";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("members", "ring members (4..8)", "5"),
                new ScenarioParameter("ring-price", "the ring's transit price per GB, droplets", "300"),
                new ScenarioParameter("kilobytes", "the transfer across the ring, kB", "1000"),
                new ScenarioParameter("seed", "random seed", "13"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        Params defaults = Params.defaults();
        return run(new Params((int) args.longValue("members"), args.longValue("ring-price"),
                args.longValue("kilobytes"), defaults.linkBitsPerSecond(), defaults.maxNanos(), args.longValue("seed")));
    }

    /** Builds the network, brings the ring's virtual links up, searches, opens the route and runs the transfer. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig config = EngineConfig.defaults();
        LinkProfile profile = LinkProfile.of(params.linkBitsPerSecond(), LINK_LATENCY_MICROS * 1_000, 0);
        Map<NodeKey, String> names = new HashMap<>();
        SimNode origin = named(simulator, config, names, "O");
        SimNode destination = named(simulator, config, names, "D");
        int count = params.members();
        List<SimNode> members = new ArrayList<>();
        List<SimNode> relays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(named(simulator, config, names, "M" + i));
        }
        for (int i = 0; i < count; i++) {
            relays.add(named(simulator, config, names, "P" + i));
        }
        List<SimNode> chain = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chain.add(named(simulator, config, names, "Q" + i));
        }
        int mtu = EngineConfig.DEFAULT_MTU;
        for (int i = 0; i < count; i++) {
            simulator.connect(members.get(i), relays.get(i), profile, profile, mtu);
            simulator.connect(relays.get(i), members.get((i + 1) % count), profile, profile, mtu);
        }
        simulator.connect(origin, members.get(0), profile, profile, mtu);
        simulator.connect(origin, members.get(1), profile, profile, mtu);
        simulator.connect(members.get(3), destination, profile, profile, mtu);
        simulator.connect(origin, chain.get(0), profile, profile, mtu);
        simulator.connect(chain.get(0), chain.get(1), profile, profile, mtu);
        simulator.connect(chain.get(1), chain.get(2), profile, profile, mtu);
        simulator.connect(chain.get(2), destination, profile, profile, mtu);

        int[] linksUp = new int[1];
        for (int i = 0; i < count; i++) {
            SimNode member = members.get(i);
            SimNode next = members.get((i + 1) % count);
            SimNode previous = members.get((i + count - 1) % count);
            RouteHandle carrier = member.openRoute(new RouteSpec(List.of(relays.get(i).publicKey(), next.publicKey()),
                    QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, 1 << 20));
            member.onEvent(event -> {
                if (event instanceof NodeEvent.RouteEstablished up && up.route().equals(carrier)) {
                    member.addVirtualLink(carrier, next.publicKey());
                    linksUp[0]++;
                } else if (event instanceof NodeEvent.RouteIncoming incoming) {
                    // The only route that ends at a member is its previous neighbour's carrier.
                    member.addVirtualLink(incoming.route(), previous.publicKey());
                }
            });
        }
        simulator.runUntil(params.maxNanos(), () -> linksUp[0] == count);

        RoutePath path = search(origin, destination, members, relays, chain, params.ringPrice());
        RoutePath dear = search(origin, destination, members, relays, chain, 1_000_000);
        StreamTransfer transfer = new StreamTransfer(simulator, origin, destination, params.kilobytes() * 1_000,
                params.seed());
        Map<String, Long> before = relayBytes(relays);
        if (path != null) {
            RouteHandle route = origin.openRoute(new RouteSpec(path.keyBytes(), QosClass.BULK,
                    ForwardingMode.STORE_AND_FORWARD, 256 * 1024));
            transfer.start(route);
            simulator.runUntil(simulator.now() + params.maxNanos(), transfer::complete);
        }
        Map<String, Long> segments = new java.util.LinkedHashMap<>();
        relayBytes(relays).forEach((segment, bytes) -> segments.put(segment, bytes - before.get(segment)));
        RingHop crossing = path == null || path.ringHops().isEmpty() ? null : path.ringHops().get(0);
        String entry = null;
        String exit = null;
        if (crossing != null) {
            exit = names.get(path.hops().get(crossing.index()));
            entry = crossing.index() == 0 ? "O" : names.get(path.hops().get(crossing.index() - 1));
        }
        return new Result(params, path == null ? List.of() : names(path.hops(), names),
                path == null ? List.of() : names(path.setupHops(), names), entry, exit,
                crossing == null ? List.of() : names(crossing.through(), names), path == null ? -1 : path.cost(),
                dear == null ? List.of() : names(dear.setupHops(), names), dear == null ? -1 : dear.cost(),
                transfer.establishedAt >= 0, transfer.written, transfer.delivered, transfer.intact, segments,
                simulator.now() / 1e9);
    }

    private static SimNode named(Simulator simulator, EngineConfig config, Map<NodeKey, String> names, String name) {
        SimNode node = simulator.addNode(config);
        names.put(NodeKey.of(node.publicKey()), name);
        return node;
    }

    /**
     * What O knows, as a graph: every physical link it may use (not the relays: the members reach each other over
     * their virtual links, which the ring stands for), prices, and the ring at {@code ringPrice}.
     */
    private static RoutePath search(SimNode origin, SimNode destination, List<SimNode> members, List<SimNode> relays,
                                    List<SimNode> chain, long ringPrice) {
        LinkGraph graph = new LinkGraph();
        NodeKey o = key(origin);
        NodeKey d = key(destination);
        graph.addNode(new GraphNode(o, 0, null)).addNode(new GraphNode(d, 0, null));
        List<NodeKey> ringKeys = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            // M1 charges more: entering at M0 is the cheaper choice.
            graph.addNode(new GraphNode(key(members.get(i)), i == 1 ? 5 * MEMBER_PRICE : MEMBER_PRICE, null));
            ringKeys.add(key(members.get(i)));
        }
        for (SimNode q : chain) {
            graph.addNode(new GraphNode(key(q), CHAIN_PRICE, null));
        }
        long capacity = 20_000_000;
        graph.addLinks(o, key(members.get(0)), LINK_LATENCY_MICROS, capacity)
                .addLinks(o, key(members.get(1)), LINK_LATENCY_MICROS, capacity)
                .addLinks(key(members.get(3)), d, LINK_LATENCY_MICROS, capacity)
                .addLinks(o, key(chain.get(0)), LINK_LATENCY_MICROS, capacity)
                .addLinks(key(chain.get(0)), key(chain.get(1)), LINK_LATENCY_MICROS, capacity)
                .addLinks(key(chain.get(1)), key(chain.get(2)), LINK_LATENCY_MICROS, capacity)
                .addLinks(key(chain.get(2)), d, LINK_LATENCY_MICROS, capacity);
        // Two relayed links between neighbours at most, both ways round: the worst crossing's latency.
        long ringLatency = 2 * LINK_LATENCY_MICROS * (members.size() / 2);
        graph.addRing(new VirtualRing("ring", ringKeys, ringPrice, ringLatency, capacity));
        PathSet found = new RouteSearch(graph, CostWeights.defaults())
                .disjointPaths(o, d, 1, SearchConstraints.upTo(5));
        return found.paths().isEmpty() ? null : found.paths().get(0);
    }

    private static NodeKey key(SimNode node) {
        return NodeKey.of(node.publicKey());
    }

    private static List<String> names(List<NodeKey> keys, Map<NodeKey, String> names) {
        return keys.stream().map(names::get).toList();
    }

    private static Map<String, Long> relayBytes(List<SimNode> relays) {
        Map<String, Long> bytes = new java.util.LinkedHashMap<>();
        int count = relays.size();
        for (int i = 0; i < count; i++) {
            long sum = 0;
            for (SimChannel channel : relays.get(i).out) {
                sum += channel.bytes();
            }
            bytes.put("M" + i + "-M" + (i + 1) % count, sum);
        }
        return bytes;
    }
}
