package io.skywire.node.sim;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scale: many independent lossy chains in one simulator, each with its own route and transfer, all running
 * at once on one event queue, so thousands of engines share one JVM and one virtual clock.
 */
public final class ManyChainsScenario implements Scenario {

    private static final long MS = 1_000_000L;

    /** Parameters of one run; {@code kilobytes} is each chain's transfer. */
    public record Params(int chains, int hops, double loss, long kilobytes, long linkBitsPerSecond, long delayNanos,
                         int routeBufferBytes, long maxNanos, long seed) {

        public Params {
            if (chains < 1 || chains > 100_000) {
                throw new IllegalArgumentException("--chains must be 1..100000");
            }
            if (hops < 1 || hops > 14) {
                throw new IllegalArgumentException("--hops must be 1..14");
            }
            if (loss < 0 || loss >= 1) {
                throw new IllegalArgumentException("--loss must be in [0, 1)");
            }
            if (kilobytes <= 0) {
                throw new IllegalArgumentException("--kilobytes must be positive");
            }
        }

        /** 500 chains of 3 hops (2,000 nodes), 1% loss, 50 kB each over 10 Mb/s, 5 ms links. */
        public static Params defaults() {
            return new Params(500, 3, 0.01, 50, 10_000_000L, 5 * MS, 64 * 1024, 60_000 * MS, 3);
        }

        int nodes() {
            return chains * (hops + 1);
        }
    }

    /** The outcome; {@code complete} counts chains whose whole transfer arrived. */
    public record Result(int nodes, int chains, int hops, double loss, long seed, long bytesRequested,
                         long bytesDelivered, int chainsComplete, boolean allIntact, long retransmissions,
                         double simulatedSeconds, long events) implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "many-chains").put("nodes", nodes).put("chains", chains)
                    .put("hops", hops).put("loss", loss).put("seed", seed).put("bytesRequested", bytesRequested)
                    .put("bytesDelivered", bytesDelivered).put("chainsComplete", chainsComplete).put("allIntact", allIntact)
                    .put("retransmissions", retransmissions).put("simulatedSeconds", simulatedSeconds)
                    .put("events", events).toString();
        }
    }

    @Override
    public String name() {
        return "many-chains";
    }

    @Override
    public String description() {
        return "scale: many lossy chains, each with a route and a transfer, in one simulator";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("chains", "independent chains", "500"),
                new ScenarioParameter("hops", "links per chain", "3"),
                new ScenarioParameter("loss", "loss probability on every link, both directions", "0.01"),
                new ScenarioParameter("kilobytes", "each chain's transfer, in kB (10^3)", "50"),
                new ScenarioParameter("link-mbps", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("seed", "random seed", "3"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        Params defaults = Params.defaults();
        return run(new Params((int) args.longValue("chains"), (int) args.longValue("hops"), args.doubleValue("loss"),
                args.longValue("kilobytes"), (long) (args.doubleValue("link-mbps") * 1_000_000),
                (long) (args.doubleValue("delay-ms") * MS), defaults.routeBufferBytes(), defaults.maxNanos(),
                args.longValue("seed")));
    }

    /** Runs every chain until all transfers complete or the simulated time limit passes. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig config = EngineConfig.defaults();
        LinkProfile profile = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), params.loss());
        long total = params.kilobytes() * 1_000;
        List<StreamTransfer> transfers = new ArrayList<>();
        for (int c = 0; c < params.chains(); c++) {
            List<SimNode> chain = Chains.chain(simulator, params.hops() + 1, config, profile);
            SimNode origin = chain.get(0);
            RouteHandle route = origin.openRoute(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.BULK,
                    ForwardingMode.STORE_AND_FORWARD, params.routeBufferBytes()));
            StreamTransfer transfer = new StreamTransfer(simulator, origin, chain.get(params.hops()), total,
                    params.seed() + c);
            transfer.start(route);
            transfers.add(transfer);
        }
        int[] completePrefix = new int[1];
        simulator.runUntil(params.maxNanos(), () -> allComplete(transfers, completePrefix));
        long delivered = 0;
        int complete = 0;
        boolean intact = true;
        for (StreamTransfer transfer : transfers) {
            delivered += transfer.delivered;
            intact &= transfer.intact;
            complete += transfer.complete() ? 1 : 0;
        }
        long retransmissions = 0;
        for (SimNode node : simulator.nodes()) {
            retransmissions += node.engine().counters().get(Counter.FRAMES_RETRANSMITTED);
        }
        return new Result(params.nodes(), params.chains(), params.hops(), params.loss(), params.seed(),
                total * params.chains(), delivered, complete, intact, retransmissions, simulator.now() / 1e9,
                simulator.events());
    }

    /**
     * Whether every transfer is complete, checking from the first one not yet seen complete, so that the check
     * after every event costs O(1) amortised rather than a pass over thousands of transfers.
     */
    private static boolean allComplete(List<StreamTransfer> transfers, int[] completePrefix) {
        while (completePrefix[0] < transfers.size() && transfers.get(completePrefix[0]).complete()) {
            completePrefix[0]++;
        }
        return completePrefix[0] == transfers.size();
    }
}
