package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.GroupCounter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's tunnel as a route group (docs/PROTOCOL.md 6.6), downloading from the gateway, when a relay next to the
 * client dies: the client learns it at once, but the relay on the gateway's side of that route is patient (its link
 * is declared dead only after {@code far-detect-ms}), so the gateway keeps handing chunks to a dead member. Run
 * twice with the same seed: without MEMBER_LOST notices the download stalls until the far side learns; with them
 * the client tells the gateway over the surviving routes and the download goes on at once. Both must arrive intact.
 */
public final class TunnelGroupScenario implements Scenario {

    private static final long MS = 1_000_000L;
    private static final int ROUTE_BUFFER = 64 * 1024;

    /**
     * Parameters of one run.
     *
     * @param routes      disjoint routes (relay chains of two) from client to gateway
     * @param farDetectMs how long the gateway-side relays take to declare a link dead
     * @param killAt      fraction of the download received when the client-side relay of the last route dies
     */
    public record Params(int routes, double megabytes, long linkBitsPerSecond, long delayNanos, long farDetectMs,
                         double killAt, long seed) {

        public Params {
            if (routes < 2 || routes > 8) {
                throw new IllegalArgumentException("--routes must be 2..8");
            }
            if (megabytes <= 0 || megabytes > 200) {
                throw new IllegalArgumentException("--megabytes must be in (0, 200]");
            }
            if (linkBitsPerSecond < 100_000) {
                throw new IllegalArgumentException("--rate must be at least 0.1 Mb/s");
            }
            if (farDetectMs < 40 || farDetectMs > 60_000) {
                throw new IllegalArgumentException("--far-detect-ms must be 40..60000");
            }
            if (killAt <= 0 || killAt >= 1) {
                throw new IllegalArgumentException("--kill-at must be in (0, 1)");
            }
        }

        long totalBytes() {
            return (long) (megabytes * 1_000_000);
        }
    }

    /** The two downloads. */
    public record Result(Params params, boolean intactWithout, double millisWithout, boolean intactWith,
                         double millisWith, int noticesSent, int noticesReceived, long chunksResentWith)
            implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "tunnel-group").put("routes", params.routes())
                    .put("megabytes", params.megabytes()).put("rateMbps", params.linkBitsPerSecond() / 1e6)
                    .put("farDetectMs", params.farDetectMs()).put("killAt", params.killAt()).put("seed", params.seed())
                    .put("withoutNoticesIntact", intactWithout).put("withoutNoticesMs", millisWithout)
                    .put("withNoticesIntact", intactWith).put("withNoticesMs", millisWith)
                    .put("noticesSent", noticesSent).put("noticesReceived", noticesReceived)
                    .put("chunksResentByGateway", chunksResentWith).toString();
        }
    }

    @Override
    public String name() {
        return "tunnel-group";
    }

    @Override
    public String description() {
        return "a download over the tunnel's route group when a relay next to the client dies and the gateway's side "
                + "learns late: without and with MEMBER_LOST notices";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("routes", "disjoint routes of 3 hops, 2..8", "2"),
                new ScenarioParameter("megabytes", "bytes downloaded, MB", "4"),
                new ScenarioParameter("rate", "rate of every link, Mb/s", "10"),
                new ScenarioParameter("delay-ms", "one-way delay of every link, ms", "5"),
                new ScenarioParameter("far-detect-ms", "link-dead time of the gateway-side relays, ms", "3000"),
                new ScenarioParameter("kill-at", "fraction received when the client-side relay dies", "0.3"),
                new ScenarioParameter("seed", "random seed", "6"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params((int) args.longValue("routes"), args.doubleValue("megabytes"),
                (long) (args.doubleValue("rate") * 1_000_000), (long) (args.doubleValue("delay-ms") * MS),
                args.longValue("far-detect-ms"), args.doubleValue("kill-at"), args.longValue("seed")));
    }

    public Result run(Params params) {
        Download without = download(params, false);
        Download with = download(params, true);
        return new Result(params, without.intact(), without.millis(), with.intact(), with.millis(),
                with.client.noticesSent, with.gateway.noticesReceived,
                with.gateway.group().counters().get(GroupCounter.CHUNKS_RESENT));
    }

    /** One download in a fresh simulator. */
    private static final class Download {
        final Simulator simulator;
        final SimNode clientNode;
        final SimNode gatewayNode;
        final long total;
        final long seed;
        final List<RouteHandle> routes = new ArrayList<>();
        final Map<RouteHandle, Integer> tags = new HashMap<>();
        final MessageDigest sent = sha256();
        final MessageDigest received = sha256();
        NoticeGroupEnd client;
        NoticeGroupEnd gateway;
        long written;
        long receivedBytes;
        long startedAt = -1;
        long completedAt = -1;
        byte[] sentDigest;

        Download(Simulator simulator, SimNode clientNode, SimNode gatewayNode, long total, long seed) {
            this.simulator = simulator;
            this.clientNode = clientNode;
            this.gatewayNode = gatewayNode;
            this.total = total;
            this.seed = seed;
        }

        boolean complete() {
            return completedAt >= 0;
        }

        boolean intact() {
            return complete() && MessageDigest.isEqual(sentDigest, received.digest());
        }

        double millis() {
            return complete() ? (completedAt - startedAt) / (double) MS : -1;
        }

        void pump() {
            if (startedAt < 0) {
                return;
            }
            byte[] chunk = new byte[16 * 1024];
            while (written < total) {
                int length = (int) Math.min(chunk.length, total - written);
                TransferPattern.fill(chunk, 0, length, written, seed);
                int taken = gateway.group().write(chunk, 0, length);
                sent.update(chunk, 0, taken);
                written += taken;
                if (taken < length) {
                    break;
                }
            }
            if (written == total && sentDigest == null) {
                sentDigest = sent.digest();
            }
            gateway.scheduleFlush();
        }

        void read() {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = client.group().read(buffer, 0, buffer.length)) > 0) {
                received.update(buffer, 0, n);
                receivedBytes += n;
            }
            if (receivedBytes >= total && completedAt < 0) {
                completedAt = simulator.now();
            }
        }
    }

    private static Download download(Params params, boolean notices) {
        Simulator simulator = new Simulator(params.seed());
        EngineConfig quick = EngineConfig.defaults().withLinkDeadNanos(40 * MS);
        EngineConfig patient = EngineConfig.defaults().withLinkDeadNanos(params.farDetectMs() * MS);
        LinkProfile link = LinkProfile.of(params.linkBitsPerSecond(), params.delayNanos(), 0);
        SimNode clientNode = simulator.addNode(quick);
        SimNode gatewayNode = simulator.addNode(quick);
        List<SimNode> nearRelays = new ArrayList<>();
        List<RouteSpec> specs = new ArrayList<>();
        for (int r = 0; r < params.routes(); r++) {
            SimNode near = simulator.addNode(quick);
            SimNode far = simulator.addNode(patient);
            simulator.connect(clientNode, near, link, link, EngineConfig.DEFAULT_MTU);
            simulator.connect(near, far, link, link, EngineConfig.DEFAULT_MTU);
            simulator.connect(far, gatewayNode, link, link, EngineConfig.DEFAULT_MTU);
            nearRelays.add(near);
            specs.add(new RouteSpec(List.of(near.publicKey(), far.publicKey(), gatewayNode.publicKey()),
                    QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, ROUTE_BUFFER));
        }
        Download d = new Download(simulator, clientNode, gatewayNode, params.totalBytes(), params.seed());
        SimNode dying = nearRelays.get(params.routes() - 1);
        long killAfter = (long) (params.killAt() * d.total);
        clientNode.onEvent(event -> onClient(d, notices, params.routes(), event, dying, killAfter));
        gatewayNode.onEvent(event -> onGateway(d, notices, params.routes(), event));
        for (RouteSpec spec : specs) {
            d.routes.add(clientNode.openRoute(spec));
        }
        long limit = 20 * d.total * 8 * 1_000_000_000L / params.linkBitsPerSecond() + (params.farDetectMs() + 20_000)
                * MS;
        simulator.runUntil(simulator.now() + limit, d::complete);
        return d;
    }

    private static GroupConfig config(SimNode node, RouteHandle route) {
        return GroupConfig.forPayload(node.engine().maxPayload(route), false);
    }

    private static void onClient(Download d, boolean notices, int routes, NodeEvent event, SimNode dying,
                                 long killAfter) {
        if (event instanceof NodeEvent.RouteEstablished e && d.client == null) {
            d.tags.put(e.route(), d.tags.size());
            if (d.tags.size() < routes) {
                return;
            }
            d.client = new NoticeGroupEnd(d.simulator, d.clientNode, config(d.clientNode, e.route()), notices);
            for (int tag = 0; tag < routes; tag++) {
                RouteHandle route = d.routes.get(tag);
                // The tag goes first: the simulator's stand-in for the 20-byte join of the real tunnel.
                d.clientNode.send(route, new byte[] {(byte) tag});
                d.client.addMember(route, tag);
            }
            d.client.scheduleFlush();
        } else if (d.client == null) {
            return;
        } else if (event instanceof NodeEvent.Delivered delivered) {
            d.client.delivered(delivered.route(), delivered.payload());
            d.read();
            if (d.receivedBytes >= killAfter && dying.alive()) {
                d.simulator.kill(dying);
            }
        } else if (event instanceof NodeEvent.Writable w) {
            d.client.writable(w.route());
        } else if (event instanceof NodeEvent.RouteFailed f) {
            d.client.ended(f.route());
        } else if (event instanceof NodeEvent.RouteClosed c) {
            d.client.ended(c.route());
        }
    }

    private static void onGateway(Download d, boolean notices, int routes, NodeEvent event) {
        if (event instanceof NodeEvent.RouteIncoming incoming) {
            if (d.gateway == null) {
                d.gateway = new NoticeGroupEnd(d.simulator, d.gatewayNode, config(d.gatewayNode, incoming.route()),
                        notices);
            }
        } else if (d.gateway == null) {
            return;
        } else if (event instanceof NodeEvent.Delivered delivered) {
            RouteHandle route = delivered.route();
            byte[] payload = delivered.payload();
            if (!d.gateway.isMember(route)) {
                d.gateway.addMember(route, payload[0] & 0xff);
                payload = java.util.Arrays.copyOfRange(payload, 1, payload.length);
                if (d.gateway.memberCount() == routes) {
                    d.startedAt = d.simulator.now();
                    d.pump();
                }
            }
            if (payload.length > 0) {
                d.gateway.delivered(route, payload);
            }
            d.pump();
        } else if (event instanceof NodeEvent.Writable w) {
            d.gateway.writable(w.route());
            d.pump();
        } else if (event instanceof NodeEvent.RouteFailed f) {
            d.gateway.ended(f.route());
            d.pump();
        } else if (event instanceof NodeEvent.RouteClosed c) {
            d.gateway.ended(c.route());
            d.pump();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
