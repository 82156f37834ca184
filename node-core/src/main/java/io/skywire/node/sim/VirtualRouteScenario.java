package io.skywire.node.sim;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A virtual route: an established route O → M1 → … → D used as a link between O and D, over which many
 * routes S → O → D → T are set up and carry their transfers. The middle hops M1 … hold the state of the
 * one carrier route however many routes it carries; O and D see the inner routes, S and T see only them.
 */
public final class VirtualRouteScenario implements Scenario {

    private static final long MS = 1_000_000L;

    /** Parameters of one run; {@code hops} are the carrier route's hops, {@code kilobytes} each inner route's transfer. */
    public record Params(int routes, int hops, long kilobytes, long linkBitsPerSecond, long delayNanos,
                         int carrierBufferBytes, int innerBufferBytes, long maxNanos, long seed) {

        public Params {
            if (routes < 1 || routes > 100_000) {
                throw new IllegalArgumentException("--routes must be 1..100000");
            }
            if (hops < 2 || hops > 14) {
                throw new IllegalArgumentException("--hops must be 2..14 (a virtual route with middle nodes)");
            }
            if (kilobytes <= 0 || kilobytes > 1_000_000) {
                throw new IllegalArgumentException("--kilobytes must be 1..1000000");
            }
        }

        /** 1,000 inner routes of 16 kB over a 3-hop carrier route, 100 Mb/s links with 2 ms delay. */
        public static Params defaults() {
            return new Params(1_000, 3, 16, 100_000_000L, 2 * MS, 1 << 20, EngineConfig.MIN_ROUTE_BUFFER_BYTES,
                    600_000 * MS, 5);
        }
    }

    /**
     * Route entries at one middle node of the carrier route, and what it put on the wire towards the carrier's
     * end (the inner routes' payloads and everything that carries them) and back towards its origin.
     */
    public record MiddleNode(int position, int routeEntries, long datagramsForward, long bytesForward,
                             long bytesBackward) {
        String toJson() {
            return new Json().put("position", position).put("routeEntries", routeEntries)
                    .put("datagramsForward", datagramsForward).put("bytesForward", bytesForward)
                    .put("bytesBackward", bytesBackward).toString();
        }
    }

    /** The outcome; {@code innerRoutesCarried} counts inner routes established over the virtual link. */
    public record Result(int routes, int hops, long kilobytes, long seed, boolean carrierEstablished,
                         List<MiddleNode> middleNodes, int innerRoutesCarried, int innerRoutesFailed,
                         int innerRoutesComplete, long bytesPerRoute, long minBytesPerRoute, long maxBytesPerRoute,
                         long bytesDelivered, boolean exactlyOnce,
                         int carrierEndRouteEntries, long virtualDatagramsSent, long virtualDatagramsReceived,
                         long carrierMalformed, double simulatedSeconds, long events) implements ScenarioResult {

        @Override
        public String toJson() {
            List<String> middles = new ArrayList<>();
            for (MiddleNode middle : middleNodes) {
                middles.add(middle.toJson());
            }
            return new Json().put("scenario", "virtual-route").put("routes", routes).put("hops", hops)
                    .put("kilobytesPerRoute", kilobytes).put("seed", seed).put("carrierEstablished", carrierEstablished)
                    .putArray("middleNodes", middles).put("innerRoutesCarried", innerRoutesCarried)
                    .put("innerRoutesFailed", innerRoutesFailed).put("innerRoutesComplete", innerRoutesComplete)
                    .put("bytesPerRoute", bytesPerRoute).put("minBytesDeliveredOnARoute", minBytesPerRoute)
                    .put("maxBytesDeliveredOnARoute", maxBytesPerRoute).put("bytesDelivered", bytesDelivered)
                    .put("allDeliveredExactlyOnce", exactlyOnce).put("carrierEndRouteEntries", carrierEndRouteEntries)
                    .put("virtualDatagramsSent", virtualDatagramsSent)
                    .put("virtualDatagramsReceived", virtualDatagramsReceived)
                    .put("carrierMalformed", carrierMalformed).put("simulatedSeconds", simulatedSeconds)
                    .put("events", events).toString();
        }
    }

    @Override
    public String name() {
        return "virtual-route";
    }

    @Override
    public String description() {
        return "a route used as a link: many routes over it, one route entry at each of its middle nodes";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("routes", "inner routes carried by the virtual route", "1000"),
                new ScenarioParameter("hops", "hops of the virtual (carrier) route", "3"),
                new ScenarioParameter("kilobytes", "each inner route's transfer, in kB (10^3)", "16"),
                new ScenarioParameter("seed", "random seed", "5"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        Params defaults = Params.defaults();
        return run(new Params((int) args.longValue("routes"), (int) args.longValue("hops"), args.longValue("kilobytes"),
                defaults.linkBitsPerSecond(), defaults.delayNanos(), defaults.carrierBufferBytes(),
                defaults.innerBufferBytes(), defaults.maxNanos(), args.longValue("seed")));
    }

    /** Builds S, O, the middle nodes, D and T in a line, runs every inner transfer to its end or the time limit. */
    public Result run(Params params) {
        Simulator simulator = new Simulator(params.seed());
        LinkProfile profile = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), 0);
        // S, O, middle nodes, D, T.
        List<SimNode> line = Chains.chain(simulator, params.hops() + 3, EngineConfig.defaults(), profile);
        SimNode source = line.get(0);
        SimNode carrierOrigin = line.get(1);
        SimNode carrierEnd = line.get(line.size() - 2);
        SimNode target = line.get(line.size() - 1);
        List<byte[]> carrierPath = new ArrayList<>(Chains.pathFrom(line, 1));
        carrierPath.remove(carrierPath.size() - 1);
        ManyRoutesTransfer transfer = new ManyRoutesTransfer(source, target, params.routes(), params.kilobytes() * 1_000,
                params.seed());
        RouteSpec inner = new RouteSpec(List.of(carrierOrigin.publicKey(), carrierEnd.publicKey(), target.publicKey()),
                QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, params.innerBufferBytes());
        boolean[] carrierUp = new boolean[1];
        carrierEnd.onEvent(event -> {
            if (event instanceof NodeEvent.RouteIncoming incoming) {
                carrierEnd.addVirtualLink(incoming.route(), carrierOrigin.publicKey());
            }
        });
        RouteHandle carrier = carrierOrigin.openRoute(new RouteSpec(carrierPath, QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, params.carrierBufferBytes()));
        carrierOrigin.onEvent(event -> {
            if (event instanceof NodeEvent.RouteEstablished established && established.route().equals(carrier)) {
                carrierUp[0] = true;
                carrierOrigin.addVirtualLink(carrier, carrierEnd.publicKey());
                transfer.open(inner);
            }
        });
        simulator.runUntil(params.maxNanos(), () -> transfer.complete()
                || (carrierUp[0] && transfer.failed + transfer.complete == params.routes()));
        List<MiddleNode> middles = new ArrayList<>();
        for (int i = 2; i < line.size() - 2; i++) {
            SimNode middle = line.get(i);
            SimChannel towardsEnd = middle.out.get(1);
            SimChannel towardsOrigin = middle.out.get(0);
            middles.add(new MiddleNode(i - 1, middle.engine().routeCount(), towardsEnd.datagrams(), towardsEnd.bytes(),
                    towardsOrigin.bytes()));

        }
        return new Result(params.routes(), params.hops(), params.kilobytes(), params.seed(), carrierUp[0], middles,
                transfer.established, transfer.failed, transfer.complete, params.kilobytes() * 1_000,
                transfer.minDelivered(), transfer.maxDelivered(), transfer.delivered, transfer.exactlyOnce(), carrierOrigin.engine().routeCount(),
                carrierOrigin.engine().counters().get(Counter.VIRTUAL_DATAGRAMS_SENT)
                        + carrierEnd.engine().counters().get(Counter.VIRTUAL_DATAGRAMS_SENT),
                carrierOrigin.engine().counters().get(Counter.VIRTUAL_DATAGRAMS_RECEIVED)
                        + carrierEnd.engine().counters().get(Counter.VIRTUAL_DATAGRAMS_RECEIVED),
                carrierOrigin.engine().counters().get(Counter.CARRIER_MALFORMED)
                        + carrierEnd.engine().counters().get(Counter.CARRIER_MALFORMED),
                simulator.now() / 1e9, simulator.events());
    }
}
