package io.skywire.node.gateway;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.LinkSettings;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.Transport;
import io.skywire.node.runtime.UdpFaults;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole network in one process on loopback UDP: a client node, two parallel chains of relays, and gateways with
 * different prices and regions linked to the last relay of both chains. Of {@code N} nodes, {@code G} are gateways,
 * one is the client and the other {@code N - G - 1} relays are split into two chains (the first takes the odd one),
 * each at least 2 long, so {@code N >= G + 5}. The client reaches every gateway over two node-disjoint paths of at
 * least 3 hops, one per chain; its proxy joins both routes into a route group, picks the best-value gateway and moves
 * to another when its tunnel fails. Its gateways allow loopback destinations, so a local server can be fetched
 * through them.
 */
public final class LocalTestNetwork implements AutoCloseable {

    /** Gateways' regions, in order. */
    static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south", "sa-east", "af-south", "eu-north");
    private static final Logger LOG = LoggerFactory.getLogger(LocalTestNetwork.class);
    private static final InetSocketAddress LOOPBACK_ANY = new InetSocketAddress("127.0.0.1", 0);

    private final List<NodeRuntime> nodes = new ArrayList<>();
    private final List<ExitService> exits = new ArrayList<>();
    private final List<NodeRuntime> gatewayNodes = new ArrayList<>();
    private final List<GatewayCandidate> candidates = new ArrayList<>();
    private final Map<NodeId, Long> relayPrices = new HashMap<>();
    private final List<List<NodeRuntime>> chains = new ArrayList<>();
    private ProxyServer proxy;
    private NodeRuntime client;

    /**
     * What an application adds to the test network's nodes, such as payments: node-core knows nothing of wallets,
     * so the app installs a relay's payment policy and opens the client's routes with prices through this.
     */
    public interface Customizer {

        /** Free relays and unpaid routes. */
        Customizer FREE = new Customizer() {
            @Override
            public long relayStarted(String name, NodeRuntime relay) {
                return 0;
            }

            @Override
            public RouteOpener routeOpener() {
                return RouteOpener.UNPAID;
            }
        };

        /**
         * Runs once relay {@code name} is up, before any route is opened; returns its transit price in droplets
         * per GB (0 when free), which the client's gateway candidates then include.
         */
        long relayStarted(String name, NodeRuntime relay);

        /** How the client's proxy opens its routes (asked once all relays have started). */
        RouteOpener routeOpener();
    }

    private LocalTestNetwork() {
    }

    /**
     * Starts the network and its proxy.
     *
     * @param dataRoot where the nodes' keys go (one directory per node)
     * @param nodeCount all nodes: client, relays and gateways; at least {@code gatewayCount + 5}
     * @param gatewayCount gateways, at least 1
     * @param loss     probability in [0, 1) that any UDP datagram is dropped as it is sent
     */
    public static LocalTestNetwork start(Path dataRoot, int nodeCount, int gatewayCount, ProxySettings settings,
                                         double loss, long seed) throws IOException, InterruptedException {
        return start(dataRoot, nodeCount, gatewayCount, settings, loss, seed, Customizer.FREE);
    }

    /** {@link #start(Path, int, int, ProxySettings, double, long)} with each relay and the client's routes customized. */
    public static LocalTestNetwork start(Path dataRoot, int nodeCount, int gatewayCount, ProxySettings settings,
                                         double loss, long seed, Customizer customizer)
            throws IOException, InterruptedException {
        if (gatewayCount < 1 || nodeCount < minimumNodes(gatewayCount)) {
            throw new IllegalArgumentException("need at least one gateway and nodes >= gateways + 5 (a client and "
                    + "two chains of at least two relays, so each gateway has two disjoint routes of 3 hops or more); "
                    + "got " + nodeCount + " nodes and " + gatewayCount + " gateways");
        }
        LocalTestNetwork network = new LocalTestNetwork();
        try {
            network.build(dataRoot, nodeCount, gatewayCount, settings, loss, seed, customizer);
            return network;
        } catch (IOException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private void build(Path dataRoot, int nodeCount, int gatewayCount, ProxySettings settings, double loss, long seed,
                       Customizer customizer) throws IOException, InterruptedException {
        UdpFaults faults = new UdpFaults(loss, 0, 0, seed);
        List<NodeRuntime> gateways = new ArrayList<>();
        List<GatewayOffer> offers = new ArrayList<>();
        for (int g = 0; g < gatewayCount; g++) {
            NodeRuntime gateway = startNode(dataRoot, "gateway-" + g, List.of(), faults, seed + 1000 + g);
            // Prices differ so that choosing is meaningful: 0.5, 0.75, 1.0 ... SKY per GB.
            GatewayOffer offer = new GatewayOffer(500_000L + 250_000L * g, 1024, REGIONS.get(g % REGIONS.size()),
                    ExitPolicy.publicOnly().allowingPrivateDestinations(), 10_000);
            exits.add(ExitService.start(gateway, offer));
            gateways.add(gateway);
            offers.add(offer);
        }
        int relayCount = nodeCount - gatewayCount - 1;
        int[] lengths = {relayCount - relayCount / 2, relayCount / 2};
        List<NodeRuntime> firstHops = new ArrayList<>();
        for (int c = 0; c < lengths.length; c++) {
            List<NodeRuntime> dialled = gateways;
            List<NodeRuntime> chain = new ArrayList<>();
            for (int r = lengths[c] - 1; r >= 0; r--) {
                NodeRuntime relay = startNode(dataRoot, "relay-" + c + "-" + r, dialled, faults,
                        seed + 100 + 50L * c + r);
                relayPrices.put(relay.nodeId(), customizer.relayStarted("relay-" + c + "-" + r, relay));
                chain.add(0, relay);
                dialled = List.of(relay);
            }
            chains.add(chain);
            firstHops.add(chain.get(0));
        }
        client = startNode(dataRoot, "client", firstHops, faults, seed);
        gatewayNodes.addAll(gateways);
        for (int g = 0; g < gatewayCount; g++) {
            List<List<NodeId>> paths = new ArrayList<>();
            long transit = 0;
            for (List<NodeRuntime> chain : chains) {
                List<NodeId> path = new ArrayList<>(chain.stream().map(NodeRuntime::nodeId).toList());
                path.add(gateways.get(g).nodeId());
                paths.add(path);
                transit = Math.max(transit, transitPrice(path));
            }
            // The gateway, the route's destination, is not charged through the engine (PROTOCOL 7.1): its price is
            // advertised only; the transit price is what the customizer's relays charge on the dearer path.
            candidates.add(GatewayCandidate.overPaths(paths, offers.get(g).pricePerGbDroplets(), transit,
                    offers.get(g).region()));
        }
        LOG.info("test network: {} nodes, {} gateways, relay chains of {} and {}, two disjoint routes of at least {} "
                + "hops from the client to each gateway", nodeCount, gatewayCount, lengths[0], lengths[1],
                candidates.get(0).hops());
        proxy = ProxyServer.startAuto(client, candidates, settings, customizer.routeOpener());
        proxy.onStatus(status -> LOG.info("tunnel {}", status));
    }

    /** What the transit hops of {@code path} (all but the last) charge together, droplets per GB. */
    private long transitPrice(List<NodeId> path) {
        long sum = 0;
        for (NodeId hop : path.subList(0, path.size() - 1)) {
            sum = Math.addExact(sum, relayPrices.getOrDefault(hop, 0L));
        }
        return sum;
    }

    private NodeRuntime startNode(Path dataRoot, String name, List<NodeRuntime> peers, UdpFaults faults, long seed)
            throws IOException, InterruptedException {
        List<PeerConfig> peerConfigs = peers.stream()
                .map(p -> new PeerConfig(p.nodeId(), Transport.UDP, p.boundAddresses().udp())).toList();
        NodeConfig config = NodeConfig.udp(LOOPBACK_ANY, dataRoot.resolve(name)).withPeers(peerConfigs)
                .withUdpFaults(new UdpFaults(faults.dropOnSend(), faults.dropOnReceive(), faults.delayMillis(), seed));
        NodeRuntime node = NodeRuntime.start(config, patientEngine(), LinkSettings.defaults());
        nodes.add(node);
        for (NodeRuntime peer : peers) {
            try {
                node.linkUp(peer.nodeId()).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("link " + name + " -> " + peer.nodeId().fingerprint() + " did not come up", e);
            }
        }
        return node;
    }

    /**
     * The runtime's engine defaults with links declared dead only after 30 s without progress: a whole network
     * shares one machine's cores here, and a busy CPU that stalls a node's loop for seconds is not a dead link.
     */
    public static EngineConfig patientEngine() {
        EngineConfig d = NodeRuntime.engineDefaults();
        return new EngineConfig(d.maxInFlightPackets(), d.minRtoNanos(), d.initialRtoNanos(),
                TimeUnit.SECONDS.toNanos(30), d.maxRouteBufferBytes(), d.maxNodeBufferBytes(), d.setupTimeoutNanos(),
                d.keepaliveNanos(), d.routeExpiryNanos(), d.housekeepingNanos(), d.maxRoutes(), d.replayMemory());
    }

    /** The client's proxy. */
    public ProxyServer proxy() {
        return proxy;
    }

    /** The client node, whose proxy the user connects through. */
    public NodeRuntime client() {
        return client;
    }

    /** All nodes started: client, relays and gateways. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Gateways started. */
    public int gatewayCount() {
        return gatewayNodes.size();
    }

    /** Every gateway the client knows, with its route and expected cost. */
    public List<GatewayCandidate> gateways() {
        return List.copyOf(candidates);
    }

    /** The fewest nodes a network with {@code gatewayCount} gateways needs. */
    public static int minimumNodes(int gatewayCount) {
        return gatewayCount + 5;
    }

    /**
     * Gateway {@code index}'s exit (the order of {@link #gateways()}): an application adds other route kinds to it,
     * such as the VPN's IP tunnel ({@code VpnExit}), and reads its counters.
     */
    public ExitService exit(int index) {
        return exits.get(index);
    }

    /** Gateway {@code index}'s counters. */
    ExitCounters exitCounters(int index) {
        return exits.get(index).counters();
    }

    /** Stops relay {@code index} of chain {@code chain} (0 or 1): one path to every gateway is cut. */
    void stopRelay(int chain, int index) {
        chains.get(chain).get(index).stop();
    }

    /** Stops gateway {@code index}'s node, as a crash or a network cut would look to the client. */
    void stopGateway(int index) {
        gatewayNodes.get(index).stop();
        exits.get(index).close();
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        exits.forEach(ExitService::close);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).stop();
        }
    }

    /** The relays (neither client nor gateway), chain 0 first, each chain from the client's side. */
    public List<NodeRuntime> relays() {
        List<NodeRuntime> relays = new ArrayList<>();
        chains.forEach(relays::addAll);
        return relays;
    }
}
