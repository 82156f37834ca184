package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A route carrying a bulk transfer whose middle node dies: how long the origin takes to learn it, in
 * simulated time and in route round trips, and the reason it is given.
 */
public final class DeadNodeScenario implements Scenario {

    private static final long MS = 1_000_000L;

    /**
     * Parameters of one run.
     *
     * @param hops          links on the route; the node in the middle dies
     * @param linkDeadNanos each node's floor for declaring an unacknowledged link dead
     * @param dieAtNanos    when the middle node dies
     * @param giveUpNanos   how long after the death the run waits for the origin to learn it
     */
    public record Params(int hops, long linkBitsPerSecond, long delayNanos, long linkDeadNanos, int routeBufferBytes,
                         long dieAtNanos, long giveUpNanos, long seed) {

        public Params {
            if (hops < 2 || hops > 14) {
                throw new IllegalArgumentException("--hops must be 2..14 (a route with a middle node)");
            }
            if (linkDeadNanos <= 0 || dieAtNanos <= 0 || giveUpNanos <= 0) {
                throw new IllegalArgumentException("times must be positive");
            }
        }

        /** The configuration: 4 hops of 10 Mb/s and 5 ms, a link dead after 40 ms of silence. */
        public static Params defaults() {
            return new Params(4, 10_000_000L, 5 * MS, 40 * MS, 64 * 1024, 1_000 * MS, 4_000 * MS, 13);
        }

        /** Index of the node that dies. */
        int victim() {
            return hops / 2;
        }

        /** One round trip over the whole route: a full datagram's transmission and the delay, per hop and way. */
        long routeRttNanos() {
            return 2L * hops * (delayNanos + Chains.transmitNanos(EngineConfig.DEFAULT_MTU, linkBitsPerSecond));
        }
    }

    /**
     * The outcome: {@code reason} is null and {@code learned} false when the origin heard nothing in time;
     * {@code routesLeftBeforeVictim} counts routes still held by the origin and the hops before the dead node.
     */
    public record Result(int hops, long seed, int victim, boolean deliveredBeforeDeath, boolean learned,
                         String reason, long learnedAfterNanos, long routeRttNanos, int routesLeftBeforeVictim)
            implements ScenarioResult {

        /** Time to learn, in route round trips. */
        public double routeRtts() {
            return (double) learnedAfterNanos / routeRttNanos;
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "dead-node").put("hops", hops).put("seed", seed)
                    .put("deadNode", victim).put("deliveredBeforeDeath", deliveredBeforeDeath)
                    .put("learned", learned).put("reason", reason == null ? "none" : reason)
                    .put("learnedAfterMs", learnedAfterNanos / 1e6).put("routeRttMs", routeRttNanos / 1e6)
                    .put("routeRtts", routeRtts()).put("routesLeftBeforeDeadNode", routesLeftBeforeVictim)
                    .toString();
        }
    }

    @Override
    public String name() {
        return "dead-node";
    }

    @Override
    public String description() {
        return "the middle node of a busy route dies: time until the origin learns it, in route RTTs, and why";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("hops", "links on the route; the middle node dies", "4"),
                new ScenarioParameter("link-mbps", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("link-dead-ms", "floor of the silence after which a busy link is dead, ms",
                        "40"),
                new ScenarioParameter("die-at-ms", "when the middle node dies, simulated ms", "1000"),
                new ScenarioParameter("seed", "random seed", "13"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        Params defaults = Params.defaults();
        return run(new Params((int) args.longValue("hops"), (long) (args.doubleValue("link-mbps") * 1_000_000),
                (long) (args.doubleValue("delay-ms") * MS), (long) (args.doubleValue("link-dead-ms") * MS),
                defaults.routeBufferBytes(), (long) (args.doubleValue("die-at-ms") * MS), defaults.giveUpNanos(),
                args.longValue("seed")));
    }

    /** Runs one configuration. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig config = EngineConfig.defaults().withLinkDeadNanos(params.linkDeadNanos());
        List<SimNode> chain = Chains.chain(simulator, params.hops() + 1, config,
                LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), 0));
        SimNode origin = chain.get(0);
        RouteHandle route = origin.openRoute(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, params.routeBufferBytes()));
        // Far more than the run can carry, so the route is busy when the node dies.
        StreamTransfer transfer = new StreamTransfer(simulator, origin, chain.get(params.hops()), Long.MAX_VALUE / 2,
                params.seed());
        transfer.start(route);
        NodeEvent.RouteFailed[] failure = new NodeEvent.RouteFailed[1];
        Consumer<NodeEvent> transferListener = origin.application;
        origin.onEvent(event -> {
            if (event instanceof NodeEvent.RouteFailed failed && failed.route().equals(route)) {
                failure[0] = failed;
            }
            transferListener.accept(event);
        });

        simulator.runUntil(params.dieAtNanos(), () -> false);
        boolean delivered = transfer.delivered > 0;
        long diedAt = simulator.now();
        simulator.kill(chain.get(params.victim()));
        simulator.runUntil(diedAt + params.giveUpNanos(), () -> failure[0] != null);
        boolean learned = failure[0] != null;
        int routesLeft = 0;
        for (int i = 0; i < params.victim(); i++) {
            routesLeft += chain.get(i).engine().routeCount();
        }
        return new Result(params.hops(), params.seed(), params.victim(), delivered, learned,
                learned ? failure[0].reason().name() : null, learned ? simulator.now() - diedAt : params.giveUpNanos(),
                params.routeRttNanos(), routesLeft);
    }
}
