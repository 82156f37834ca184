package io.skywire.node.sim;

import io.skywire.node.engine.BufferPolicy;
import io.skywire.node.engine.BufferSettings;
import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeCounters;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chain whose last link is several times slower than the others, carrying one bulk transfer: credit must
 * push the slow link's pace back to the origin with nothing dropped and every buffer within its bound.
 */
public final class CongestionScenario implements Scenario {

    /** Every counter that means a route payload was thrown away at a hop. */
    private static final List<Counter> DROPS = List.of(Counter.CUT_THROUGH_DROPPED, Counter.DATA_OVER_CREDIT,
            Counter.DATA_REORDER_OVERFLOW);
    /** The origin's rate counts as converged within these fractions of the slow link's payload rate. */
    private static final double CONVERGED_LOW = 0.85;
    private static final double CONVERGED_HIGH = 1.05;

    /**
     * Parameters of one run.
     *
     * @param hops          links in the chain; the last one is the slow one
     * @param slowdown      how many times slower the last link is
     * @param measureFromMs start of the window in which the origin's rate is measured
     * @param measureToMs   end of that window (the run stops there)
     */
    public record Params(int hops, double slowdown, long linkBitsPerSecond, long delayNanos, double loss,
                         int routeBufferBytes, long megabytes, long measureFromMs, long measureToMs, long seed) {

        public Params {
            if (hops < 1 || hops > 14) {
                throw new IllegalArgumentException("--hops must be 1..14");
            }
            if (slowdown < 1) {
                throw new IllegalArgumentException("--slowdown must be at least 1");
            }
            if (loss < 0 || loss >= 1) {
                throw new IllegalArgumentException("--loss must be in [0, 1)");
            }
            if (routeBufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
                throw new IllegalArgumentException("--buffer-kib must be at least 16");
            }
            if (measureFromMs < 0 || measureToMs <= measureFromMs) {
                throw new IllegalArgumentException("--measure-from-ms must be below --measure-to-ms");
            }
        }

        /** The configuration: three 10 Mb/s links, the last 10x slower, 1% loss, 64 KiB buffers. */
        public static Params defaults() {
            return new Params(3, 10, 10_000_000L, 5_000_000L, 0.01, 64 * 1024, 2, 4_000, 8_000, 5);
        }
    }

    /** One node's most buffered bytes against the bound its route's buffer sets. */
    public record NodeBuffer(int node, long peakBufferedBytes, long boundBytes) {

        /** Whether the peak stayed within the bound. */
        public boolean withinBound() {
            return peakBufferedBytes <= boundBytes;
        }

        String toJson() {
            return new Json().put("node", node).put("peakBufferedBytes", peakBufferedBytes)
                    .put("boundBytes", boundBytes).put("withinBound", withinBound()).toString();
        }
    }

    /**
     * The outcome: {@code originBitsPerSecond} is the rate at which the origin's sends were accepted in the
     * measuring window; {@code slowLinkPayloadBitsPerSecond} is what the slow link can carry of route payload.
     */
    public record Result(int hops, double slowdown, long seed, long droppedMessages, List<NodeBuffer> buffers,
                         double originBitsPerSecond, double slowLinkPayloadBitsPerSecond, boolean intact,
                         long events) implements ScenarioResult {

        /** Origin rate over slow-link payload rate. */
        public double rateRatio() {
            return originBitsPerSecond / slowLinkPayloadBitsPerSecond;
        }

        /** Whether the origin's rate settled at the slow link's. */
        public boolean converged() {
            return rateRatio() >= CONVERGED_LOW && rateRatio() <= CONVERGED_HIGH;
        }

        /** Whether every node stayed within its bound. */
        public boolean allWithinBound() {
            return buffers.stream().allMatch(NodeBuffer::withinBound);
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "congestion").put("hops", hops).put("slowdown", slowdown)
                    .put("seed", seed).put("droppedMessages", droppedMessages)
                    .putArray("buffers", buffers.stream().map(NodeBuffer::toJson).toList())
                    .put("allWithinBound", allWithinBound()).put("originBitsPerSecond", originBitsPerSecond)
                    .put("slowLinkPayloadBitsPerSecond", slowLinkPayloadBitsPerSecond).put("rateRatio", rateRatio())
                    .put("converged", converged()).put("intact", intact).put("events", events).toString();
        }
    }

    @Override
    public String name() {
        return "congestion";
    }

    @Override
    public String description() {
        return "a last hop several times slower: back-pressure reaches the origin, nothing dropped, buffers bounded";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("hops", "links in the chain; the last is the slow one", "3"),
                new ScenarioParameter("slowdown", "how many times slower the last link is", "10"),
                new ScenarioParameter("link-mbps", "rate of the other links, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("loss", "loss probability on every link, both directions", "0.01"),
                new ScenarioParameter("buffer-kib", "route buffer per hop and direction, KiB", "64"),
                new ScenarioParameter("megabytes", "bytes the origin offers, in MB (10^6)", "2"),
                new ScenarioParameter("measure-from-ms", "start of the origin rate's window, simulated ms", "4000"),
                new ScenarioParameter("measure-to-ms", "end of that window and of the run, simulated ms", "8000"),
                new ScenarioParameter("seed", "random seed", "5"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params((int) args.longValue("hops"), args.doubleValue("slowdown"),
                (long) (args.doubleValue("link-mbps") * 1_000_000), (long) (args.doubleValue("delay-ms") * 1_000_000),
                args.doubleValue("loss"), (int) args.longValue("buffer-kib") * 1024, args.longValue("megabytes"),
                args.longValue("measure-from-ms"), args.longValue("measure-to-ms"), args.longValue("seed")));
    }

    /** Runs one configuration. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        List<SimNode> chain = new ArrayList<>();
        for (int i = 0; i <= params.hops(); i++) {
            // Credit's exact bound per route is the claim here; per-sender buffers overshoot it by up to a round
            // trip (docs/PROTOCOL.md 2.8) and are measured by buffer-experiment.
            chain.add(simulator.addNode(EngineConfig.defaults().withBuffers(BufferSettings.of(
                    BufferPolicy.PER_ROUTE_CREDIT))));
        }
        long slowBits = (long) (params.linkBitsPerSecond() / params.slowdown());
        LinkProfile fast = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), params.loss());
        LinkProfile slow = LinkProfile.of(slowBits, params.delayNanos(), params.loss());
        for (int i = 0; i < params.hops(); i++) {
            LinkProfile profile = i == params.hops() - 1 ? slow : fast;
            simulator.connect(chain.get(i), chain.get(i + 1), profile, profile, EngineConfig.DEFAULT_MTU);
        }
        SimNode origin = chain.get(0);
        RouteHandle route = origin.openRoute(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, params.routeBufferBytes()));
        StreamTransfer transfer = new StreamTransfer(simulator, origin, chain.get(params.hops()),
                params.megabytes() * 1_000_000, params.seed());
        transfer.start(route);

        simulator.runUntil(params.measureFromMs() * 1_000_000, () -> false);
        long writtenAtStart = transfer.written;
        simulator.runUntil(params.measureToMs() * 1_000_000, () -> false);
        double seconds = (params.measureToMs() - params.measureFromMs()) / 1e3;
        double originRate = (transfer.written - writtenAtStart) * 8 / seconds;
        // What the slow link can carry of the origin's payload: the datagrams that arrive, each one full payload.
        int payloadPerDatagram = origin.engine().maxPayload(route);
        double slowPayloadRate = slowBits * (1 - params.loss()) * payloadPerDatagram / EngineConfig.DEFAULT_MTU;

        long dropped = 0;
        List<NodeBuffer> buffers = new ArrayList<>();
        for (SimNode node : chain) {
            NodeCounters counters = node.engine().counters();
            for (Counter counter : DROPS) {
                dropped += counters.get(counter);
            }
            // Data flows one way, so a node holds at most one direction's buffer of this single route.
            buffers.add(new NodeBuffer(node.index(), node.engine().peakBufferedBytes(), params.routeBufferBytes()));
        }
        return new Result(params.hops(), params.slowdown(), params.seed(), dropped, List.copyOf(buffers), originRate,
                slowPayloadRate, transfer.intact, simulator.events());
    }
}
