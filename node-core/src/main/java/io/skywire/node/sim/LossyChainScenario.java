package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chain of hops with the same loss on every link in both directions (acknowledgements cross the same
 * lossy links), carrying one transfer from the first node to the last, either hop-by-hop (the engine's
 * store-and-forward) or end-to-end (cut-through with recovery only at the ends, the baseline).
 */
public final class LossyChainScenario implements Scenario {

    /** How the transfer recovers from loss. */
    public enum Mode {
        HOP_BY_HOP,
        END_TO_END;

        /** Parses {@code hop-by-hop} or {@code end-to-end}. */
        public static Mode parse(String text) {
            return switch (text) {
                case "hop-by-hop" -> HOP_BY_HOP;
                case "end-to-end" -> END_TO_END;
                default -> throw new IllegalArgumentException("--mode must be hop-by-hop, end-to-end or both");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Parameters of one run.
     *
     * @param maxSeconds simulated time limit; 0 means one hour
     */
    public record Params(int hops, double loss, double megabytes, Mode mode, long seed, long linkBitsPerSecond,
                         long delayNanos, int routeBufferBytes, double maxSeconds) {

        public Params {
            if (hops < 1 || hops > 14) {
                throw new IllegalArgumentException("--hops must be 1..14");
            }
            if (loss < 0 || loss >= 1) {
                throw new IllegalArgumentException("--loss must be in [0, 1)");
            }
            if (megabytes <= 0) {
                throw new IllegalArgumentException("--megabytes must be positive");
            }
        }

        /** The configuration: 8 hops, 50% loss, 10 MB, 10 Mb/s links with 5 ms delay. */
        public static Params defaults(Mode mode) {
            return new Params(8, 0.5, 10, mode, 1, 10_000_000L, 5_000_000L, 256 * 1024, 0);
        }

        Params withMaxSeconds(double seconds) {
            return new Params(hops, loss, megabytes, mode, seed, linkBitsPerSecond, delayNanos, routeBufferBytes,
                    seconds);
        }

        Params withMode(Mode newMode) {
            return new Params(hops, loss, megabytes, newMode, seed, linkBitsPerSecond, delayNanos, routeBufferBytes,
                    maxSeconds);
        }
    }

    /** The outcome of one run; {@code retransmissions} counts resent payload frames (per hop, or at the origin). */
    public record Result(String mode, int hops, double loss, long seed, long bytesRequested, long bytesDelivered,
                         long inOrderBytes, boolean intactAndInOrder, boolean complete, double simulatedSeconds,
                         double goodputFraction, long retransmissions, long peakBufferBytesPerNode, long events)
            implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "lossy-chain").put("mode", mode).put("hops", hops).put("loss", loss)
                    .put("seed", seed).put("bytesRequested", bytesRequested).put("bytesDelivered", bytesDelivered)
                    .put("inOrderBytes", inOrderBytes).put("intactAndInOrder", intactAndInOrder)
                    .put("complete", complete).put("simulatedSeconds", simulatedSeconds)
                    .put("goodputFraction", goodputFraction).put("retransmissions", retransmissions)
                    .put("peakBufferBytesPerNode", peakBufferBytesPerNode).put("events", events).toString();
        }
    }

    /** Both modes on the same seed, end-to-end limited to the simulated time hop-by-hop needed. */
    public record Comparison(Result hopByHop, Result endToEnd) implements ScenarioResult {
        @Override
        public String toJson() {
            return new Json().putRaw("hopByHop", hopByHop.toJson()).putRaw("endToEnd", endToEnd.toJson()).toString();
        }
    }

    @Override
    public String name() {
        return "lossy-chain";
    }

    @Override
    public String description() {
        return "a chain of lossy hops: store-and-forward (hop-by-hop) against end-to-end recovery";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("hops", "links in the chain", "8"),
                new ScenarioParameter("loss", "loss probability on every link, both directions", "0.5"),
                new ScenarioParameter("megabytes", "bytes to transfer, in MB (10^6)", "10"),
                new ScenarioParameter("mode", "hop-by-hop, end-to-end, or both (end-to-end in hop-by-hop's time)",
                        "both"),
                new ScenarioParameter("seed", "random seed", "1"),
                new ScenarioParameter("link-mbps", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("max-seconds", "simulated time limit, 0 for one hour", "0"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        String mode = args.string("mode");
        Params params = new Params((int) args.longValue("hops"), args.doubleValue("loss"),
                args.doubleValue("megabytes"), mode.equals("both") ? Mode.HOP_BY_HOP : Mode.parse(mode),
                args.longValue("seed"), (long) (args.doubleValue("link-mbps") * 1_000_000),
                (long) (args.doubleValue("delay-ms") * 1_000_000), 256 * 1024, args.doubleValue("max-seconds"));
        return mode.equals("both") ? compare(params) : run(params);
    }

    /** Runs hop-by-hop, then end-to-end for the same simulated time. */
    public Comparison compare(Params params) {
        Result hopByHop = run(params.withMode(Mode.HOP_BY_HOP));
        Result endToEnd = run(params.withMode(Mode.END_TO_END).withMaxSeconds(hopByHop.simulatedSeconds()));
        return new Comparison(hopByHop, endToEnd);
    }

    /** Runs one mode. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig config = EngineConfig.defaults();
        List<SimNode> chain = new ArrayList<>();
        for (int i = 0; i <= params.hops(); i++) {
            chain.add(simulator.addNode(config));
        }
        LinkProfile profile = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), params.loss());
        for (int i = 0; i < params.hops(); i++) {
            simulator.connect(chain.get(i), chain.get(i + 1), profile, profile, EngineConfig.DEFAULT_MTU);
        }
        List<byte[]> path = new ArrayList<>();
        for (int i = 1; i <= params.hops(); i++) {
            path.add(chain.get(i).publicKey());
        }
        long total = (long) (params.megabytes() * 1_000_000);
        SimNode origin = chain.get(0);
        SimNode destination = chain.get(params.hops());
        long limit = Math.round((params.maxSeconds() > 0 ? params.maxSeconds() : 3600) * 1e9);
        boolean hopByHop = params.mode() == Mode.HOP_BY_HOP;
        RouteSpec spec = new RouteSpec(path, QosClass.BULK,
                hopByHop ? ForwardingMode.STORE_AND_FORWARD : ForwardingMode.CUT_THROUGH, params.routeBufferBytes());
        long delivered;
        long inOrder;
        boolean intact;
        boolean complete;
        long retransmissions;
        if (hopByHop) {
            StreamTransfer transfer = new StreamTransfer(simulator, origin, destination, total, params.seed());
            RouteHandle route = origin.openRoute(spec);
            transfer.start(route);
            simulator.runUntil(limit, transfer::complete);
            delivered = transfer.delivered;
            inOrder = transfer.delivered;
            intact = transfer.intact;
            complete = transfer.complete();
            retransmissions = 0;
            for (SimNode node : chain) {
                retransmissions += node.engine().counters().get(io.skywire.node.engine.Counter.FRAMES_RETRANSMITTED);
            }
        } else {
            long pathRtt = 2L * params.hops() * (params.delayNanos()
                    + EngineConfig.DEFAULT_MTU * 8L * 1_000_000_000L / params.linkBitsPerSecond());
            EndToEndTransfer transfer = new EndToEndTransfer(simulator, origin, destination, total, params.seed(),
                    4 * pathRtt);
            RouteHandle route = origin.openRoute(spec);
            transfer.start(route);
            simulator.runUntil(limit, transfer::complete);
            delivered = transfer.uniqueBytes;
            inOrder = transfer.inOrderBytes;
            intact = transfer.intact;
            complete = transfer.complete();
            retransmissions = transfer.retransmissions;
        }
        double seconds = simulator.now() / 1e9;
        long peak = 0;
        for (SimNode node : chain) {
            peak = Math.max(peak, node.engine().peakBufferedBytes());
        }
        double goodput = seconds > 0 ? delivered * 8.0 / (seconds * params.linkBitsPerSecond()) : 0;
        return new Result(params.mode().label(), params.hops(), params.loss(), params.seed(), total, delivered,
                inOrder, intact && complete, complete, seconds, goodput, retransmissions, peak, simulator.events());
    }
}
