package io.skywire.node.sim;

import io.skywire.node.discovery.GatewayService;
import io.skywire.node.discovery.KnownLinkGraph;
import io.skywire.node.discovery.NeighbourTag;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.GatewayDirectory;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The gateway directory from signed records, against the truth: a seeded mesh (a ring plus random chords), some
 * gateways, some forgers whose records claim links to nodes that never linked to them (and a free gateway offer),
 * and some stale records (an old version naming only part of the node's links). Node 0 builds its known link
 * graph from the records and lists gateways; the same search over the true graph is the reference. Prints how many
 * gateways each finds, how many forged links touching an honest node got into the graph (the mutual-link rule must
 * keep this at 0; two forgers naming each other is a link nobody can refute, counted apart), how
 * many nodes the directory would look up again as one-sided, and how many listed gateways have the true expected
 * cost. No messages and no clock: the records are what discovery would hold.
 */
public final class DirectoryScenario implements Scenario {

    private static final long NOW = 1_800_000_000L;
    private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");

    /**
     * Parameters of one run.
     *
     * @param nodes    network size
     * @param degree   links per node on average (2 from the ring, the rest random chords)
     * @param gateways nodes with a gateway offer
     * @param forgers  nodes whose records claim links they do not have
     * @param stale    fraction of honest records held in an old version naming half their links
     */
    public record Params(int nodes, int degree, int gateways, int forgers, double stale, long seed) {

        public Params {
            if (nodes < 8 || nodes > 2_000 || degree < 2 || degree > NodeRecordCodec.MAX_NEIGHBOURS / 2) {
                throw new IllegalArgumentException("--nodes must be 8..2000 and --degree 2..16");
            }
            if (gateways < 1 || forgers < 0 || gateways + forgers >= nodes || !(stale >= 0 && stale <= 1)) {
                throw new IllegalArgumentException("--gateways >= 1, --forgers >= 0, both fewer than the nodes; "
                        + "--stale in [0, 1]");
            }
        }
    }

    /** The outcome of one run. */
    public record Result(Params params, int listed, int listedWithFreshRecords, int trueReachable,
                         int forgedLinksAccepted, int linksBetweenForgers, int oneSided,
                         int listedAtTrueCostCount, double meanHops)
            implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "directory").put("nodes", params.nodes())
                    .put("degree", params.degree()).put("gateways", params.gateways())
                    .put("forgers", params.forgers()).put("stale", params.stale()).put("seed", params.seed())
                    .put("trueReachable", trueReachable).put("listed", listed)
                    .put("listedWithFreshRecords", listedWithFreshRecords)
                    .put("forgedLinksAccepted", forgedLinksAccepted).put("linksBetweenForgers", linksBetweenForgers)
                    .put("oneSidedNodes", oneSided)
                    .put("listedAtTrueCost", listedAtTrueCostCount).put("meanHops", meanHops).toString();
        }
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public String description() {
        return "gateways listed from signed neighbour records, with forged and stale records, against the truth";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(new ScenarioParameter("nodes", "network size", "200"),
                new ScenarioParameter("degree", "links per node on average", "4"),
                new ScenarioParameter("gateways", "nodes offering a gateway", "10"),
                new ScenarioParameter("forgers", "nodes claiming links they do not have", "10"),
                new ScenarioParameter("stale", "fraction of records held in an old version", "0.1"),
                new ScenarioParameter("seed", "random seed", "1"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params((int) args.longValue("nodes"), (int) args.longValue("degree"),
                (int) args.longValue("gateways"), (int) args.longValue("forgers"), args.doubleValue("stale"),
                args.longValue("seed")));
    }

    /** Runs one scenario. */
    public static Result run(Params params) {
        SplittableRandom random = new SplittableRandom(params.seed());
        int n = params.nodes();
        List<NodeKeyPair> keys = new ArrayList<>();
        SecureRandom keyRandom = seeded(params.seed());
        for (int i = 0; i < n; i++) {
            keys.add(NodeKeyPair.generate(keyRandom));
        }
        List<Set<Integer>> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            links.add(new HashSet<>());
        }
        for (int i = 0; i < n; i++) {
            connect(links, i, (i + 1) % n);
        }
        for (int extra = 0; extra < n * (params.degree() - 2) / 2; extra++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            if (a != b && links.get(a).size() < NodeRecordCodec.MAX_NEIGHBOURS
                    && links.get(b).size() < NodeRecordCodec.MAX_NEIGHBOURS) {
                connect(links, a, b);
            }
        }
        List<Integer> others = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            others.add(i);
        }
        shuffle(others, random);
        Set<Integer> gateways = new HashSet<>(others.subList(0, params.gateways()));
        Set<Integer> forgers = new HashSet<>(others.subList(params.gateways(),
                params.gateways() + params.forgers()));

        List<NodeRecord> truth = new ArrayList<>();
        List<NodeRecord> held = new ArrayList<>();
        Set<Integer> freshGateways = new HashSet<>();
        for (int i = 1; i < n; i++) {
            List<Integer> named = new ArrayList<>(links.get(i));
            RecordContent content = content(keys, i, named, gateways.contains(i), random);
            truth.add(NodeRecordCodec.sign(keys.get(i), content));
            if (forgers.contains(i)) {
                // Only links it does not have: its real neighbours' records name it, its own names them not.
                Set<Integer> claimed = new HashSet<>();
                int wanted = Math.min(NodeRecordCodec.MAX_NEIGHBOURS, n - 1 - named.size());
                while (claimed.size() < wanted) {
                    int victim = random.nextInt(n);
                    if (victim != i && !links.get(i).contains(victim)) {
                        claimed.add(victim);
                    }
                }
                held.add(NodeRecordCodec.sign(keys.get(i), content(keys, i, new ArrayList<>(claimed), false, random)
                        .withGateway(Optional.of(new GatewayService(0, "eu-west", List.of())))));
            } else if (random.nextDouble() < params.stale()) {
                held.add(NodeRecordCodec.sign(keys.get(i), content.withNeighbours(tags(keys,
                        named.subList(0, named.size() / 2)))));
            } else {
                held.add(truth.get(truth.size() - 1));
                if (gateways.contains(i)) {
                    freshGateways.add(i);
                }
            }
        }
        NodeId self = keys.get(0).nodeId();
        Set<NodeId> selfLinks = new HashSet<>();
        for (int peer : links.get(0)) {
            selfLinks.add(keys.get(peer).nodeId());
        }
        GatewayDirectory.Settings settings = GatewayDirectory.Settings.defaults();
        KnownLinkGraph known = KnownLinkGraph.of(self, held, selfLinks, NOW, KnownLinkGraph.DEFAULT_LATENCY_MICROS);
        List<GatewayCandidate> listed = GatewayDirectory.search(known.graph(), self, Set.of(), settings);
        LinkGraph trueGraph = KnownLinkGraph.build(self, truth, selfLinks, NOW, KnownLinkGraph.DEFAULT_LATENCY_MICROS);
        Map<NodeId, Long> trueCosts = new HashMap<>();
        for (GatewayCandidate candidate : GatewayDirectory.search(trueGraph, self, Set.of(), settings)) {
            trueCosts.put(candidate.gateway(), candidate.expectedCostPerGbDroplets());
        }
        Map<NodeKey, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(NodeKey.of(keys.get(i).nodeId().key()), i);
        }
        int forged = 0;
        int colluding = 0;
        for (var node : known.graph().nodes()) {
            for (var link : known.graph().linksFrom(node.key())) {
                int from = index.get(link.from());
                int to = index.get(link.to());
                if (!links.get(from).contains(to)) {
                    // Two forgers naming each other make a link no rule can refute; it fails at route setup.
                    if (forgers.contains(from) && forgers.contains(to)) {
                        colluding++;
                    } else {
                        forged++;
                    }
                }
            }
        }
        int atTrueCost = 0;
        int fresh = 0;
        long hops = 0;
        for (GatewayCandidate candidate : listed) {
            if (Long.valueOf(candidate.expectedCostPerGbDroplets()).equals(trueCosts.get(candidate.gateway()))) {
                atTrueCost++;
            }
            if (freshGateways.contains(index.get(NodeKey.of(candidate.gateway().key())))) {
                fresh++;
            }
            hops += candidate.hops();
        }
        return new Result(params, listed.size(), fresh, trueCosts.size(), forged, colluding / 2,
                known.oneSided().size(),
                atTrueCost, listed.isEmpty() ? 0 : (double) hops / listed.size());
    }

    private static RecordContent content(List<NodeKeyPair> keys, int i, List<Integer> named, boolean gateway,
                                         SplittableRandom random) {
        RecordContent content = RecordContent.forwarder(keys.get(i).nodeId(), 1, NOW + 3_600, List.of(),
                1_000L * (1 + random.nextInt(50)), 12_500_000).withNeighbours(tags(keys, named));
        return !gateway ? content : content.withGateway(Optional.of(new GatewayService(
                100_000L * (1 + random.nextInt(10)), REGIONS.get(i % REGIONS.size()), List.of())));
    }

    private static List<NeighbourTag> tags(List<NodeKeyPair> keys, List<Integer> nodes) {
        return nodes.stream().map(node -> NeighbourTag.of(keys.get(node).nodeId())).toList();
    }

    private static void connect(List<Set<Integer>> links, int a, int b) {
        links.get(a).add(b);
        links.get(b).add(a);
    }

    private static void shuffle(List<Integer> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swap);
        }
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
