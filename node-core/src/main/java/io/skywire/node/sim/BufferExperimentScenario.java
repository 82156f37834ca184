package io.skywire.node.sim;

import io.skywire.node.engine.BufferPolicy;
import io.skywire.node.engine.BufferSettings;
import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeCounters;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The buffer-policy experiment of issue 11: the same traffic under per-route credit and under per-sender buffers
 * with BLOCK/UNBLOCK (docs/PROTOCOL.md 2.8), on cases where many routes cross one hub node. Several origins each
 * link to the hub, the hub links to the destinations, and every route (origin, hub, destination) sends as fast as
 * its origin's engine lets it, so the hub's exit is the bottleneck and the hub's buffers fill. Per case and
 * policy it measures the payload throughput, the hub's peak buffered bytes, route-table lookups per forwarded
 * message at the hub, Jain's fairness index over the routes, payloads dropped and datagrams lost.
 */
public final class BufferExperimentScenario implements Scenario {

    private static final long MS = 1_000_000L;
    /** Every counter that means a route payload was thrown away at a hop. */
    private static final List<Counter> DROPS = List.of(Counter.DATA_OVER_CREDIT, Counter.DATA_REORDER_OVERFLOW,
            Counter.DATA_OVER_BUFFER, Counter.CUT_THROUGH_DROPPED);

    /** The traffic cases, each run under both policies. */
    public enum Case {
        /** Routes spread evenly over the origins, one destination. */
        EVEN,
        /** Half the routes from the first origin, the rest spread over the others, one destination. */
        SKEWED,
        /** As EVEN, with loss on every link in both directions. */
        LOSSY,
        /** As EVEN, but every second route goes to a second destination behind a link {@code slowdown} times slower. */
        SLOW_EXIT;

        String label() {
            return switch (this) {
                case EVEN -> "many-routes-even";
                case SKEWED -> "many-routes-skewed";
                case LOSSY -> "lossy";
                case SLOW_EXIT -> "slow-exit";
            };
        }

        static List<Case> parse(String text) {
            if (text.equals("all")) {
                return List.of(values());
            }
            List<Case> cases = new ArrayList<>();
            for (String part : text.split(",")) {
                Case found = Arrays.stream(values()).filter(c -> c.label().equals(part.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--cases: unknown case '" + part
                                + "' (many-routes-even, many-routes-skewed, lossy, slow-exit or all)"));
                cases.add(found);
            }
            return cases;
        }
    }

    /**
     * Parameters of one experiment.
     *
     * @param origins           nodes that originate routes, each with one link to the hub
     * @param routes            routes in all, each from an origin through the hub to a destination
     * @param loss              loss on every link in the LOSSY case
     * @param slowdown          how much slower the second destination's link is in the SLOW_EXIT case
     * @param routeBufferBytes  each route's buffer (credit policy: per hop and direction; per-sender policy: the
     *                          per-route high-water mark)
     * @param senderBufferBytes the per-sender policy's buffer per upstream neighbour
     */
    public record Params(List<Case> cases, int origins, int routes, long linkBitsPerSecond, long delayNanos,
                         double loss, double slowdown, int routeBufferBytes, int senderBufferBytes, long warmupMs,
                         long measureMs, long seed) {

        public Params {
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("--cases must name at least one case");
            }
            if (origins < 2 || origins > 64) {
                throw new IllegalArgumentException("--origins must be 2..64");
            }
            if (routes < 2 * origins || routes > 4_096) {
                throw new IllegalArgumentException("--routes must be 2 x origins .. 4096");
            }
            if (loss < 0 || loss >= 1) {
                throw new IllegalArgumentException("--loss must be in [0, 1)");
            }
            if (slowdown < 1) {
                throw new IllegalArgumentException("--slowdown must be at least 1");
            }
            if (routeBufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES
                    || senderBufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
                throw new IllegalArgumentException("--buffer-kib and --sender-buffer-kib must be at least 16");
            }
            if (warmupMs < 0 || measureMs <= 0) {
                throw new IllegalArgumentException("--measure-ms must be positive, --warmup-ms not negative");
            }
        }

        /** Four origins, 32 routes of 64 KiB, 256 KiB per sender, 10 Mb/s 5 ms links, 5% loss, exit 10x slower. */
        public static Params defaults() {
            return new Params(List.of(Case.values()), 4, 32, 10_000_000L, 5 * MS, 0.05, 10, 64 * 1024, 256 * 1024,
                    1_000, 3_000, 11);
        }
    }

    /**
     * One case under one policy. Throughput, lookups and fairness are measured in the window after the warm-up;
     * the peak, drops and losses over the whole run. Every payload costs one route lookup per hop for its DATA
     * frame under either policy; the lookup columns count the others (CREDIT, BLOCK, keep-alives):
     * {@code hubLookupsPerForwardedMessage} is one plus the hub's other lookups per payload it forwarded, and
     * {@code lookupsPerDeliveredMessage} the route's hops plus every node's other lookups per payload delivered.
     * {@code datagramsLost}: datagrams the link layer declared lost and resent (without configured loss,
     * spuriously, after queueing delay).
     */
    public record Row(String scenario, String policy, int routes, double throughputBitsPerSecond,
                      long hubPeakBufferedBytes, double hubLookupsPerForwardedMessage,
                      double lookupsPerDeliveredMessage, double fairness, long payloadsDropped, long datagramsLost,
                      long hubBlocksSent, boolean intact, long events) {

        String toJson() {
            return new Json().put("scenario", scenario).put("policy", policy).put("routes", routes)
                    .put("throughputBitsPerSecond", throughputBitsPerSecond)
                    .put("hubPeakBufferedBytes", hubPeakBufferedBytes)
                    .put("hubLookupsPerForwardedMessage", hubLookupsPerForwardedMessage)
                    .put("lookupsPerDeliveredMessage", lookupsPerDeliveredMessage).put("fairness", fairness)
                    .put("payloadsDropped", payloadsDropped).put("datagramsLost", datagramsLost)
                    .put("hubBlocksSent", hubBlocksSent).put("intact", intact).put("events", events).toString();
        }
    }

    /** Every row: for each case, credit first, then per-sender. */
    public record Result(Params params, List<Row> rows) implements ScenarioResult {

        /** The row of one case and policy. */
        public Row row(Case which, BufferPolicy policy) {
            return rows.stream().filter(r -> r.scenario().equals(which.label()) && r.policy().equals(label(policy)))
                    .findFirst().orElseThrow();
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "buffer-experiment").put("origins", params.origins())
                    .put("routes", params.routes()).put("linkBitsPerSecond", params.linkBitsPerSecond())
                    .put("routeBufferBytes", params.routeBufferBytes())
                    .put("senderBufferBytes", params.senderBufferBytes()).put("loss", params.loss())
                    .put("slowdown", params.slowdown()).put("measureMs", params.measureMs()).put("seed", params.seed())
                    .putArray("rows", rows.stream().map(Row::toJson).toList()).toString();
        }
    }

    static String label(BufferPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String name() {
        return "buffer-experiment";
    }

    @Override
    public String description() {
        return "per-route credit against per-sender buffers with BLOCK/UNBLOCK, many routes through one hub";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("cases", "comma list of many-routes-even, many-routes-skewed, lossy, "
                        + "slow-exit, or all", "all"),
                new ScenarioParameter("origins", "origin nodes, each linked to the hub", "4"),
                new ScenarioParameter("routes", "routes in all, through the hub", "32"),
                new ScenarioParameter("link-mbps", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("loss", "loss on every link in the lossy case", "0.05"),
                new ScenarioParameter("slowdown", "how much slower the slow exit is", "10"),
                new ScenarioParameter("buffer-kib", "each route's buffer, KiB", "64"),
                new ScenarioParameter("sender-buffer-kib", "per-sender buffer per upstream neighbour, KiB", "256"),
                new ScenarioParameter("warmup-ms", "simulated time before measuring", "1000"),
                new ScenarioParameter("measure-ms", "simulated time measured", "3000"),
                new ScenarioParameter("seed", "random seed", "11"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params(Case.parse(args.string("cases")), (int) args.longValue("origins"),
                (int) args.longValue("routes"), (long) (args.doubleValue("link-mbps") * 1_000_000),
                (long) (args.doubleValue("delay-ms") * MS), args.doubleValue("loss"), args.doubleValue("slowdown"),
                (int) args.longValue("buffer-kib") * 1024, (int) args.longValue("sender-buffer-kib") * 1024,
                args.longValue("warmup-ms"), args.longValue("measure-ms"), args.longValue("seed")));
    }

    /** Runs every case under both policies. */
    public Result run(Params params) {
        List<Row> rows = new ArrayList<>();
        for (Case which : params.cases()) {
            for (BufferPolicy policy : BufferPolicy.values()) {
                rows.add(run(params, which, policy));
            }
        }
        return new Result(params, List.copyOf(rows));
    }

    /** The origin of route {@code r}: evenly spread, or half on origin 0 and the rest spread over the others. */
    static int originOf(int r, Case which, Params params) {
        if (which != Case.SKEWED) {
            return r % params.origins();
        }
        int half = params.routes() / 2;
        return r < half ? 0 : 1 + (r - half) % (params.origins() - 1);
    }

    private Row run(Params params, Case which, BufferPolicy policy) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig config = EngineConfig.defaults().withBuffers(new BufferSettings(policy,
                params.senderBufferBytes(), BufferSettings.DEFAULT_BLOCK_TIMEOUT_NANOS));
        double loss = which == Case.LOSSY ? params.loss() : 0;
        LinkProfile link = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), loss);
        long slowBits = (long) (params.linkBitsPerSecond() / params.slowdown());
        LinkProfile slowLink = LinkProfile.of(slowBits, params.delayNanos(), loss);

        List<SimNode> origins = new ArrayList<>();
        for (int i = 0; i < params.origins(); i++) {
            origins.add(simulator.addNode(config));
        }
        SimNode hub = simulator.addNode(config);
        SimNode exit = simulator.addNode(config);
        SimNode slowExit = which == Case.SLOW_EXIT ? simulator.addNode(config) : null;
        for (SimNode origin : origins) {
            simulator.connect(origin, hub, link, link, EngineConfig.DEFAULT_MTU);
        }
        simulator.connect(hub, exit, link, link, EngineConfig.DEFAULT_MTU);
        if (slowExit != null) {
            simulator.connect(hub, slowExit, slowLink, slowLink, EngineConfig.DEFAULT_MTU);
        }

        List<HubTraffic.Flow> flows = new ArrayList<>();
        double[] share = new double[params.routes()];
        int slowRoutes = slowExit == null ? 0 : params.routes() / 2;
        for (int r = 0; r < params.routes(); r++) {
            boolean slow = slowExit != null && r % 2 == 1;
            flows.add(new HubTraffic.Flow(r, origins.get(originOf(r, which, params)), slow ? slowExit : exit));
            // A route's fair share: its exit's rate split among the routes that use that exit.
            share[r] = slow ? (double) slowBits / slowRoutes
                    : (double) params.linkBitsPerSecond() / (params.routes() - slowRoutes);
        }
        HubTraffic traffic = new HubTraffic(flows, params.seed());
        traffic.open(flow -> new RouteSpec(List.of(hub.publicKey(), flow.destination().publicKey()), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, params.routeBufferBytes()));

        simulator.runUntil(params.warmupMs() * MS, () -> false);
        traffic.snapshot();
        NodeCounters hubCounters = hub.engine().counters();
        long hubLookupsBefore = controlLookups(hubCounters);
        long forwardedBefore = hubCounters.get(Counter.PAYLOADS_FORWARDED);
        long lookupsBefore = totalLookups(simulator);
        simulator.runUntil((params.warmupMs() + params.measureMs()) * MS, () -> false);
        long[] delivered = traffic.deliveredSinceSnapshot();
        double seconds = params.measureMs() / 1e3;
        long total = 0;
        double[] normalised = new double[delivered.length];
        for (int r = 0; r < delivered.length; r++) {
            total += delivered[r];
            normalised[r] = delivered[r] * 8 / seconds / share[r];
        }

        long dropped = 0;
        long lost = 0;
        for (SimNode node : simulator.nodes()) {
            NodeCounters counters = node.engine().counters();
            for (Counter counter : DROPS) {
                dropped += counters.get(counter);
            }
            lost += counters.get(Counter.PACKETS_LOST);
        }
        long forwarded = hubCounters.get(Counter.PAYLOADS_FORWARDED) - forwardedBefore;
        double hubLookups = 1 + ratio(controlLookups(hubCounters) - hubLookupsBefore, forwarded);
        // Each route has two hops (origin to hub, hub to destination): two DATA lookups per payload.
        double lookups = 2 + ratio(totalLookups(simulator) - lookupsBefore, traffic.messagesSinceSnapshot());
        boolean intact = traffic.intact() && traffic.established() == params.routes() && traffic.failed() == 0;
        return new Row(which.label(), label(policy), params.routes(), total * 8 / seconds,
                hub.engine().peakBufferedBytes(), hubLookups, lookups, jain(normalised), dropped, lost,
                hubCounters.get(Counter.BLOCKS_SENT), intact, simulator.events());
    }

    /** Route lookups for frames other than DATA, at every node. */
    private static long totalLookups(Simulator simulator) {
        long lookups = 0;
        for (SimNode node : simulator.nodes()) {
            lookups += controlLookups(node.engine().counters());
        }
        return lookups;
    }

    private static long controlLookups(NodeCounters counters) {
        return counters.get(Counter.ROUTE_LOOKUPS) - counters.get(Counter.DATA_FRAMES_RECEIVED);
    }

    private static double ratio(long count, long per) {
        return per == 0 ? 0 : (double) count / per;
    }

    /** Jain's fairness index: (sum x)^2 / (n sum x^2), 1 when all are equal, 1/n when one takes everything. */
    static double jain(double[] values) {
        double sum = 0;
        double squares = 0;
        for (double value : values) {
            sum += value;
            squares += value * value;
        }
        return squares == 0 ? 0 : sum * sum / (values.length * squares);
    }
}
