package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.LinkShare;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The design's business example: a node N whose uplink to U (a cable modem: a fixed rate and a deep FIFO)
 * carries the user's own flow and, for others, bulk routes from A through N and U to B. The own flow is measured
 * alone, then under forwarding that would fill the link; then it stops and the forwarded routes take the spare
 * capacity back. Both flows are ordinary bulk routes, so what keeps the own flow's rate and latency is the
 * own-before-forwarded priority and the pacing at the configured capacity ({@link LinkShare}), not the QoS class.
 * The same run without a configured capacity shows why the capacity matters: the queue then forms in the modem,
 * in front of the own flow.
 */
public final class SpareCapacityScenario implements Scenario {

    private static final long MS = 1_000_000L;
    private static final int OWN_PAYLOAD = 1_000;
    private static final long OWN_STARTS_AT = 200 * MS;
    /** Bins of the forwarded rate after the own flow stops. */
    private static final long BIN = 10 * MS;
    /** The forwarded rate has recovered at the start of the first window of this length with 90% of its share. */
    private static final long RECOVERY_WINDOW = 50 * MS;
    /**
     * Windows in which the forwarded rate is held to the cap: the cap's token bucket lets four datagrams go at once,
     * which a shorter window would see as a few milliseconds above it.
     */
    private static final long CAP_WINDOW = 200 * MS;
    private static final int FAST_LINK = 100_000_000;

    /**
     * Parameters of one run; rates in bits per second.
     *
     * @param capacityBitsPerSecond the capacity configured for N's uplink (0: unknown, not paced)
     * @param forwardCapBitsPerSecond the user's cap on forwarded traffic on the uplink (0: none)
     * @param modemQueueNanos the uplink's FIFO, in transmission time
     * @param phaseNanos length of each measured phase (alone, loaded, after)
     */
    public record Params(long uplinkBitsPerSecond, long capacityBitsPerSecond, long forwardCapBitsPerSecond,
                         long ownBitsPerSecond, int forwardedRoutes, long modemQueueNanos, long delayNanos,
                         long phaseNanos, long seed) {

        public Params {
            if (uplinkBitsPerSecond <= 0 || ownBitsPerSecond <= 0 || ownBitsPerSecond >= uplinkBitsPerSecond) {
                throw new IllegalArgumentException("--own-mbps must be positive and below --uplink-mbps");
            }
            if (capacityBitsPerSecond < 0 || forwardCapBitsPerSecond < 0 || modemQueueNanos < 0 || delayNanos < 0) {
                throw new IllegalArgumentException("--capacity-mbps, --forward-cap-mbps, --modem-queue-ms and "
                        + "--delay-ms must not be negative");
            }
            if (forwardedRoutes < 1 || forwardedRoutes > 64) {
                throw new IllegalArgumentException("--forwarded-routes must be 1..64");
            }
            if (phaseNanos < 500 * MS) {
                throw new IllegalArgumentException("--phase-ms must be at least 500");
            }
        }

        /** A 10 Mb/s uplink with a 100 ms FIFO, configured as 10 Mb/s, forwarding capped at 8, a 4 Mb/s own flow. */
        public static Params defaults() {
            return new Params(10_000_000, 10_000_000, 8_000_000, 4_000_000, 4, 100 * MS, 5 * MS, 2_000 * MS, 11);
        }

        /** The same with the uplink's capacity unknown to the node (no pacing). */
        public Params unpaced() {
            return new Params(uplinkBitsPerSecond, 0, forwardCapBitsPerSecond, ownBitsPerSecond, forwardedRoutes,
                    modemQueueNanos, delayNanos, phaseNanos, seed);
        }

        /** What forwarded traffic may use once the own flow stops. */
        long forwardedShare() {
            long link = capacityBitsPerSecond > 0 ? Math.min(capacityBitsPerSecond, uplinkBitsPerSecond)
                    : uplinkBitsPerSecond;
            return forwardCapBitsPerSecond > 0 ? Math.min(forwardCapBitsPerSecond, link) : link;
        }
    }

    /** The figures of one run; rates are payload bits per second at the destination, latencies in nanoseconds. */
    public record Run(double ownAloneBps, double ownLoadedBps, double ownAloneMeanLatency, long ownAloneWorstLatency,
                      double ownLoadedMeanLatency, long ownLoadedWorstLatency, double forwardedLoadedBps,
                      double linkUtilisation, long recoveryNanos, double forwardedAfterBps,
                      double forwardedPeakWindowBps, long ownRefused) {

        /** The own flow's rate under forwarding over its rate alone. */
        public double ownRateRatio() {
            return ownAloneBps > 0 ? ownLoadedBps / ownAloneBps : 0;
        }

        String toJson() {
            return new Json().put("ownAloneMbps", ownAloneBps / 1e6).put("ownLoadedMbps", ownLoadedBps / 1e6)
                    .put("ownRateRatio", ownRateRatio())
                    .put("ownAloneMeanLatencyMs", ownAloneMeanLatency / 1e6)
                    .put("ownAloneWorstLatencyMs", ownAloneWorstLatency / 1e6)
                    .put("ownLoadedMeanLatencyMs", ownLoadedMeanLatency / 1e6)
                    .put("ownLoadedWorstLatencyMs", ownLoadedWorstLatency / 1e6)
                    .put("forwardedLoadedMbps", forwardedLoadedBps / 1e6).put("linkUtilisation", linkUtilisation)
                    .put("recoveryMs", recoveryNanos / 1e6).put("forwardedAfterMbps", forwardedAfterBps / 1e6)
                    .put("forwardedPeakWindowMbps", forwardedPeakWindowBps / 1e6).put("ownRefused", ownRefused)
                    .toString();
        }
    }

    /** The run as configured and the same run with the capacity unknown (the queue then sits in the modem). */
    public record Result(Params params, Run paced, Run unpaced) implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "spare-capacity").put("seed", params.seed())
                    .put("uplinkMbps", params.uplinkBitsPerSecond() / 1e6)
                    .put("capacityMbps", params.capacityBitsPerSecond() / 1e6)
                    .put("forwardCapMbps", params.forwardCapBitsPerSecond() / 1e6)
                    .put("ownMbps", params.ownBitsPerSecond() / 1e6).put("forwardedRoutes", params.forwardedRoutes())
                    .putRaw("configured", paced.toJson()).putRaw("capacityUnknown", unpaced.toJson()).toString();
        }
    }

    @Override
    public String name() {
        return "spare-capacity";
    }

    @Override
    public String description() {
        return "own flow against forwarded bulk on one uplink: own rate and latency kept, spare capacity taken back";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("uplink-mbps", "rate of N's uplink (the modem), Mb/s", "10"),
                new ScenarioParameter("capacity-mbps", "uplink capacity configured at N, Mb/s (0: unknown)", "10"),
                new ScenarioParameter("forward-cap-mbps", "cap on forwarded traffic on the uplink, Mb/s (0: none)",
                        "8"),
                new ScenarioParameter("own-mbps", "rate of N's own flow, Mb/s", "4"),
                new ScenarioParameter("forwarded-routes", "bulk routes forwarded through N", "4"),
                new ScenarioParameter("modem-queue-ms", "the uplink's FIFO, ms of transmission", "100"),
                new ScenarioParameter("delay-ms", "one-way delay of the uplink, ms", "5"),
                new ScenarioParameter("phase-ms", "length of each phase (alone, loaded, after), ms", "2000"),
                new ScenarioParameter("seed", "random seed", "11"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params(mbps(args, "uplink-mbps"), mbps(args, "capacity-mbps"), mbps(args, "forward-cap-mbps"),
                mbps(args, "own-mbps"), (int) args.longValue("forwarded-routes"),
                (long) (args.doubleValue("modem-queue-ms") * MS), (long) (args.doubleValue("delay-ms") * MS),
                args.longValue("phase-ms") * MS, args.longValue("seed")));
    }

    private static long mbps(ScenarioArguments args, String name) {
        return (long) (args.doubleValue(name) * 1_000_000);
    }

    /** Runs as configured, then with the capacity unknown, on the same seed. */
    public Result run(Params params) {
        return new Result(params, measure(params), measure(params.unpaced()));
    }

    private static Run measure(Params params) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig config = EngineConfig.defaults();
        SimNode source = simulator.addNode(config);
        SimNode node = simulator.addNode(config);
        SimNode upstream = simulator.addNode(config);
        SimNode destination = simulator.addNode(config);
        LinkProfile fast = LinkProfile.of(FAST_LINK, MS, 0);
        LinkProfile uplink = LinkProfile.of(params.uplinkBitsPerSecond(), params.delayNanos(), 0);
        simulator.connect(source, node, fast, fast, EngineConfig.DEFAULT_MTU);
        SimChannel modem = simulator.connect(node, upstream, uplink, uplink, EngineConfig.DEFAULT_MTU);
        modem.setQueueNanos(params.modemQueueNanos());
        simulator.connect(upstream, destination, fast, fast, EngineConfig.DEFAULT_MTU);
        node.engine().shareLink(modem.fromLink(),
                LinkShare.of(params.capacityBitsPerSecond() / 8, params.forwardCapBitsPerSecond() / 8));

        long phase = params.phaseNanos();
        long aloneFrom = OWN_STARTS_AT + 100 * MS;
        long aloneTo = aloneFrom + phase;
        long forwardingOpensAt = aloneTo;
        long loadedFrom = forwardingOpensAt + 500 * MS;
        long loadedTo = loadedFrom + phase;
        long ownStopsAt = loadedTo;
        long end = ownStopsAt + phase;
        int bins = (int) ((end - ownStopsAt) / BIN);

        Set<RouteHandle> ownAtDestination = new HashSet<>();
        long[] ownBytes = new long[2];
        List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
        long[] forwardedLoaded = new long[1];
        long[] forwardedBins = new long[bins];
        destination.onEvent(event -> {
            if (event instanceof NodeEvent.RouteIncoming in && ownAtDestination.isEmpty()) {
                ownAtDestination.add(in.route());
            } else if (event instanceof NodeEvent.Delivered delivered) {
                long now = simulator.now();
                int length = delivered.payload().length;
                if (ownAtDestination.contains(delivered.route())) {
                    long sentAt = ByteBuffer.wrap(delivered.payload()).getLong();
                    int phaseIndex = sentAt >= aloneFrom && sentAt < aloneTo ? 0
                            : sentAt >= loadedFrom && sentAt < loadedTo ? 1 : -1;
                    if (phaseIndex >= 0) {
                        ownBytes[phaseIndex] += length;
                        latencies.get(phaseIndex).add(now - sentAt);
                    }
                } else if (now >= loadedFrom && now < loadedTo) {
                    forwardedLoaded[0] += length;
                } else if (now >= ownStopsAt && now < end) {
                    forwardedBins[(int) ((now - ownStopsAt) / BIN)] += length;
                }
            }
        });

        List<RouteHandle> forwarded = new ArrayList<>();
        source.onEvent(event -> {
            RouteHandle route = event instanceof NodeEvent.Writable w ? w.route()
                    : event instanceof NodeEvent.RouteEstablished e ? e.route() : null;
            if (route != null && forwarded.contains(route)) {
                byte[] payload = new byte[source.engine().maxPayload(route)];
                while (source.send(route, payload) == SendResult.ACCEPTED) {
                    // Fill the route: back-pressure ends the loop, Writable restarts it.
                }
            }
        });

        // The own route is opened first, so it is the destination's first incoming route.
        RouteHandle own = node.openRoute(new RouteSpec(List.of(upstream.publicKey(), destination.publicKey()),
                QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, 256 * 1024));
        long interval = OWN_PAYLOAD * 8L * 1_000_000_000L / params.ownBitsPerSecond();
        long[] refused = new long[1];
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (simulator.now() >= ownStopsAt) {
                return;
            }
            byte[] payload = new byte[OWN_PAYLOAD];
            ByteBuffer.wrap(payload).putLong(simulator.now());
            if (node.send(own, payload) != SendResult.ACCEPTED) {
                refused[0]++;
            }
            simulator.schedule(simulator.now() + interval, tick[0]);
        };
        simulator.schedule(OWN_STARTS_AT, tick[0]);
        simulator.schedule(forwardingOpensAt, () -> {
            for (int i = 0; i < params.forwardedRoutes(); i++) {
                forwarded.add(source.openRoute(new RouteSpec(
                        List.of(node.publicKey(), upstream.publicKey(), destination.publicKey()),
                        QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, 256 * 1024)));
            }
        });
        long[] modemBytes = new long[2];
        simulator.schedule(loadedFrom, () -> modemBytes[0] = modem.bytes());
        simulator.schedule(loadedTo, () -> modemBytes[1] = modem.bytes());
        simulator.runUntil(end, () -> false);

        double seconds = phase / 1e9;
        long share = params.forwardedShare();
        int window = (int) (RECOVERY_WINDOW / BIN);
        long recovery = -1;
        for (int i = 0; i + window <= bins && recovery < 0; i++) {
            if (windowBps(forwardedBins, i, window) >= 0.9 * share) {
                recovery = i * BIN;
            }
        }
        int capWindow = (int) (CAP_WINDOW / BIN);
        double peak = 0;
        for (int i = 0; i + capWindow <= bins; i++) {
            peak = Math.max(peak, windowBps(forwardedBins, i, capWindow));
        }
        long afterBytes = 0;
        for (int i = bins / 2; i < bins; i++) {
            afterBytes += forwardedBins[i];
        }
        double afterSeconds = (bins - bins / 2) * BIN / 1e9;
        return new Run(ownBytes[0] * 8 / seconds, ownBytes[1] * 8 / seconds, mean(latencies.get(0)),
                worst(latencies.get(0)), mean(latencies.get(1)), worst(latencies.get(1)),
                forwardedLoaded[0] * 8 / seconds,
                (modemBytes[1] - modemBytes[0]) * 8 / seconds / params.uplinkBitsPerSecond(), recovery,
                afterBytes * 8 / afterSeconds, peak, refused[0]);
    }

    private static double windowBps(long[] bins, int from, int length) {
        long bytes = 0;
        for (int i = from; i < from + length; i++) {
            bytes += bins[i];
        }
        return bytes * 8 / (length * BIN / 1e9);
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(0);
    }

    private static long worst(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
