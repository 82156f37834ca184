package io.skywire.node.sim;

import io.skywire.node.engine.BufferPolicy;
import io.skywire.node.engine.BufferSettings;
import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeCounters;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An asymmetric link: A reaches B directly, B cannot reach A at all. B's side of the link sends what it has
 * (acknowledgements, credit, the route's confirmation) over a return route B → C → A; a transfer from A to
 * B over the one-way link completes with every byte, while B never puts a datagram on the dead direction.
 */
public final class AsymmetricLinkScenario implements Scenario {

    private static final long MS = 1_000_000L;

    /** Parameters of one run; {@code loss} applies to every link that exists, in every direction. */
    public record Params(long megabytes, double loss, long oneWayBitsPerSecond, long oneWayDelayNanos,
                         long returnBitsPerSecond, long returnDelayNanos, int routeBufferBytes, long maxNanos,
                         long seed) {

        public Params {
            if (megabytes <= 0 || megabytes > 10_000) {
                throw new IllegalArgumentException("--megabytes must be 1..10000");
            }
            if (loss < 0 || loss >= 0.5) {
                throw new IllegalArgumentException("--loss must be in [0, 0.5)");
            }
        }

        /** 5 MB over a 20 Mb/s, 10 ms one-way link; the return path is two 20 Mb/s, 5 ms links; 1% loss. */
        public static Params defaults() {
            return new Params(5, 0.01, 20_000_000L, 10 * MS, 20_000_000L, 5 * MS, 1 << 20, 600_000 * MS, 11);
        }
    }

    /** The outcome, with the counters that show where B's acknowledgements went. */
    public record Result(long megabytes, double loss, long seed, long bytesRequested, long bytesDelivered,
                         boolean intact, boolean complete, double transferSeconds, double megabitsPerSecond,
                         long reverseDirectionDatagrams, long returnDatagramsSent, long returnDatagramsReceived,
                         long returnAcks, long returnCredits, long oneWayRetransmissions, long returnUnknownLink,
                         double simulatedSeconds, long events) implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "asymmetric-link").put("megabytes", megabytes).put("loss", loss)
                    .put("seed", seed).put("bytesRequested", bytesRequested).put("bytesDelivered", bytesDelivered)
                    .put("intact", intact).put("complete", complete).put("transferSeconds", transferSeconds)
                    .put("megabitsPerSecond", megabitsPerSecond)
                    .put("reverseDirectionDatagrams", reverseDirectionDatagrams)
                    .put("returnDatagramsSent", returnDatagramsSent)
                    .put("returnDatagramsReceived", returnDatagramsReceived).put("returnAcks", returnAcks)
                    .put("returnCredits", returnCredits).put("oneWayRetransmissions", oneWayRetransmissions)
                    .put("returnUnknownLink", returnUnknownLink).put("simulatedSeconds", simulatedSeconds)
                    .put("events", events).toString();
        }
    }

    @Override
    public String name() {
        return "asymmetric-link";
    }

    @Override
    public String description() {
        return "a one-way link A->B whose acks and credit come back over a route B->C->A";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("megabytes", "the transfer from A to B, in MB (10^6)", "5"),
                new ScenarioParameter("loss", "loss probability on every link direction that exists", "0.01"),
                new ScenarioParameter("seed", "random seed", "11"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        Params d = Params.defaults();
        return run(new Params(args.longValue("megabytes"), args.doubleValue("loss"), d.oneWayBitsPerSecond(),
                d.oneWayDelayNanos(), d.returnBitsPerSecond(), d.returnDelayNanos(), d.routeBufferBytes(),
                d.maxNanos(), args.longValue("seed")));
    }

    /** Sets up the return route, then the route over the one-way link, and runs the transfer to its end. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        // Per-route credit, whose CREDIT frames must come back over the return route (docs/PROTOCOL.md 2.7).
        EngineConfig config = EngineConfig.defaults().withBuffers(BufferSettings.of(BufferPolicy.PER_ROUTE_CREDIT));
        SimNode a = simulator.addNode(config);
        SimNode b = simulator.addNode(config);
        SimNode c = simulator.addNode(config);
        LinkProfile oneWay = LinkProfile.of(params.oneWayBitsPerSecond(), params.oneWayDelayNanos(), params.loss());
        LinkProfile none = new LinkProfile(params.oneWayBitsPerSecond(), params.oneWayDelayNanos(), 0, false);
        LinkProfile back = LinkProfile.of(params.returnBitsPerSecond(), params.returnDelayNanos(), params.loss());
        SimChannel aToB = simulator.connect(a, b, oneWay, none, EngineConfig.DEFAULT_MTU);
        simulator.connect(b, c, back, back, EngineConfig.DEFAULT_MTU);
        simulator.connect(c, a, back, back, EngineConfig.DEFAULT_MTU);
        SimChannel bToA = b.out.get(0);

        // Both ends of the link share a secret tag; a runtime would derive it from the link handshake.
        byte[] tag = new byte[16];
        new SplittableRandom(params.seed() ^ 0x5EED).nextBytes(tag);
        a.expectReturns(aToB.fromLink, tag);
        long total = params.megabytes() * 1_000_000;
        StreamTransfer transfer = new StreamTransfer(simulator, a, b, total, params.seed());
        a.onEvent(event -> {
            if (event instanceof NodeEvent.RouteIncoming incoming) {
                a.acceptReturnsOver(incoming.route());
            }
        });
        RouteHandle returnRoute = b.openRoute(new RouteSpec(List.of(c.publicKey(), a.publicKey()), QosClass.REAL_TIME,
                ForwardingMode.STORE_AND_FORWARD, params.routeBufferBytes()));
        b.onEvent(event -> {
            if (event instanceof NodeEvent.RouteEstablished established && established.route().equals(returnRoute)) {
                b.sendReturnsOver(aToB.toLink, returnRoute, tag);
                RouteHandle route = a.openRoute(new RouteSpec(List.of(b.publicKey()), QosClass.BULK,
                        ForwardingMode.STORE_AND_FORWARD, params.routeBufferBytes()));
                transfer.start(route);
            }
        });
        simulator.runUntil(params.maxNanos(), transfer::complete);

        NodeCounters atA = a.engine().counters();
        NodeCounters atB = b.engine().counters();
        double seconds = transfer.complete() ? (transfer.completedAt - transfer.establishedAt) / 1e9 : 0;
        double rate = seconds > 0 ? transfer.delivered * 8 / seconds / 1e6 : 0;
        return new Result(params.megabytes(), params.loss(), params.seed(), total, transfer.delivered,
                transfer.intact, transfer.complete(), seconds, rate, bToA.datagrams(),
                atB.get(Counter.RETURN_DATAGRAMS_SENT), atA.get(Counter.RETURN_DATAGRAMS_RECEIVED),
                atA.get(Counter.RETURN_ACKS), atA.get(Counter.RETURN_CREDITS), atA.get(Counter.FRAMES_RETRANSMITTED),
                atA.get(Counter.RETURN_UNKNOWN_LINK), simulator.now() / 1e9, simulator.events());
    }
}
