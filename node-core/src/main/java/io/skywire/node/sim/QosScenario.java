package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real-time messages on a route that shares its links with a saturating bulk route: their latency under
 * load, against the same messages on idle links, on the same seed.
 */
public final class QosScenario implements Scenario {

    private static final long MS = 1_000_000L;
    /** Real-time messages start after both routes are set up and bulk has filled the path. */
    private static final long FIRST_MESSAGE_AT = 500 * MS;
    private static final long BULK_OPENS_AT = 400 * MS;
    private static final int REAL_TIME_BYTES = 64;

    /**
     * Parameters of one run.
     *
     * @param messages         real-time messages sent, one every {@code intervalNanos}
     * @param bulkBufferBytes  the bulk route's buffer per hop, large enough to keep the links busy
     */
    public record Params(int hops, long linkBitsPerSecond, long delayNanos, int messages, long intervalNanos,
                         int realTimeBufferBytes, int bulkBufferBytes, long seed) {

        public Params {
            if (hops < 1 || hops > 14) {
                throw new IllegalArgumentException("--hops must be 1..14");
            }
            if (messages < 1 || intervalNanos <= 0) {
                throw new IllegalArgumentException("--messages and --interval-ms must be positive");
            }
            if (realTimeBufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES
                    || bulkBufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
                throw new IllegalArgumentException("route buffers must be at least 16 KiB");
            }
        }

        /** The configuration: two 10 Mb/s hops of 5 ms, 40 messages 37 ms apart, 64/256 KiB buffers. */
        public static Params defaults() {
            return new Params(2, 10_000_000L, 5 * MS, 40, 37 * MS, 64 * 1024, 256 * 1024, 9);
        }

        /** Simulated time at which the run stops: a second after the last message is sent. */
        long endNanos() {
            return FIRST_MESSAGE_AT + messages * intervalNanos + 1_000 * MS;
        }
    }

    /** Latencies of one run, idle or loaded; {@code bulkBitsPerSecond} is the bulk route's goodput while measured. */
    public record Run(List<Long> latenciesNanos, double bulkBitsPerSecond) {

        /** Mean latency in nanoseconds, or 0 when nothing arrived. */
        public double mean() {
            return latenciesNanos.stream().mapToLong(Long::longValue).average().orElse(0);
        }

        /** Worst latency in nanoseconds, or 0 when nothing arrived. */
        public long worst() {
            return latenciesNanos.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /** Idle and loaded runs; the claim is that the worst loaded latency stays within twice the idle mean. */
    public record Result(int hops, long seed, int messagesSent, Run idle, Run loaded, double linkBitsPerSecond)
            implements ScenarioResult {

        /** Worst latency under load over the idle mean. */
        public double ratio() {
            return idle.mean() > 0 ? loaded.worst() / idle.mean() : Double.POSITIVE_INFINITY;
        }

        /** Whether every real-time message arrived under load within twice the idle mean. */
        public boolean withinTwice() {
            return loaded.latenciesNanos().size() == messagesSent && ratio() <= 2;
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "qos").put("hops", hops).put("seed", seed)
                    .put("messagesSent", messagesSent).put("idleDelivered", idle.latenciesNanos().size())
                    .put("loadedDelivered", loaded.latenciesNanos().size())
                    .put("idleMeanMs", idle.mean() / 1e6).put("idleWorstMs", idle.worst() / 1e6)
                    .put("loadedMeanMs", loaded.mean() / 1e6).put("loadedWorstMs", loaded.worst() / 1e6)
                    .put("ratio", ratio()).put("withinTwice", withinTwice())
                    .put("bulkLinkShare", loaded.bulkBitsPerSecond() / linkBitsPerSecond).toString();
        }
    }

    @Override
    public String name() {
        return "qos";
    }

    @Override
    public String description() {
        return "real-time latency with a saturating bulk route on the same links, against idle links";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("hops", "links in the chain", "2"),
                new ScenarioParameter("link-mbps", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("messages", "real-time messages sent", "40"),
                new ScenarioParameter("interval-ms", "time between real-time messages, ms", "37"),
                new ScenarioParameter("bulk-buffer-kib", "the bulk route's buffer per hop, KiB", "256"),
                new ScenarioParameter("seed", "random seed", "9"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        Params defaults = Params.defaults();
        return run(new Params((int) args.longValue("hops"), (long) (args.doubleValue("link-mbps") * 1_000_000),
                (long) (args.doubleValue("delay-ms") * MS), (int) args.longValue("messages"),
                (long) (args.doubleValue("interval-ms") * MS), defaults.realTimeBufferBytes(),
                (int) args.longValue("bulk-buffer-kib") * 1024, args.longValue("seed")));
    }

    /** Runs idle, then loaded, on the same seed. */
    public Result run(Params params) {
        return new Result(params.hops(), params.seed(), params.messages(), measure(params, false),
                measure(params, true), params.linkBitsPerSecond());
    }

    private static Run measure(Params params, boolean withBulk) {
        Simulator simulator = new Simulator(params.seed());
        List<SimNode> chain = Chains.chain(simulator, params.hops() + 1, EngineConfig.defaults(),
                LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), 0));
        SimNode origin = chain.get(0);
        SimNode destination = chain.get(params.hops());
        List<Long> latencies = new ArrayList<>();
        List<RouteHandle> incoming = new ArrayList<>();
        long[] bulkDelivered = new long[1];
        RouteHandle[] bulk = new RouteHandle[1];
        destination.onEvent(event -> {
            if (event instanceof NodeEvent.RouteIncoming in) {
                incoming.add(in.route());
            } else if (event instanceof NodeEvent.Delivered delivered) {
                if (delivered.route().equals(incoming.get(0))) {
                    latencies.add(simulator.now() - readLong(delivered.payload()));
                } else if (simulator.now() >= FIRST_MESSAGE_AT) {
                    bulkDelivered[0] += delivered.payload().length;
                }
            }
        });
        origin.onEvent(event -> {
            boolean mayWrite = event instanceof NodeEvent.Writable || event instanceof NodeEvent.RouteEstablished;
            if (bulk[0] != null && mayWrite) {
                byte[] payload = new byte[origin.engine().maxPayload(bulk[0])];
                while (origin.send(bulk[0], payload) == SendResult.ACCEPTED) {
                    // Fill the route's buffer: back-pressure ends the loop, Writable restarts it.
                }
            }
        });
        // The real-time route is opened first, so it is the destination's first incoming route.
        RouteHandle realTime = origin.openRoute(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.REAL_TIME,
                ForwardingMode.STORE_AND_FORWARD, params.realTimeBufferBytes()));
        simulator.runUntil(BULK_OPENS_AT, () -> false);
        if (withBulk) {
            bulk[0] = origin.openRoute(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.BULK,
                    ForwardingMode.STORE_AND_FORWARD, params.bulkBufferBytes()));
        }
        for (int i = 0; i < params.messages(); i++) {
            simulator.schedule(FIRST_MESSAGE_AT + i * params.intervalNanos(),
                    () -> origin.send(realTime, writeLong(simulator.now())));
        }
        simulator.runUntil(params.endNanos(), () -> false);
        double seconds = (params.endNanos() - FIRST_MESSAGE_AT) / 1e9;
        return new Run(List.copyOf(latencies), bulkDelivered[0] * 8 / seconds);
    }

    private static byte[] writeLong(long value) {
        byte[] out = new byte[REAL_TIME_BYTES];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }

    private static long readLong(byte[] bytes) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
