package io.skywire.app.ui;

import io.skywire.app.testnet.PaidTestnet;
import io.skywire.app.ui.map.RouteMapReading;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.identity.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network the desktop app runs in its own process: today always the local test network (the app has no peer
 * configuration yet), paid (escrow, paying client, charging relays) unless free. It owns its temporary data
 * directory and removes it when closed.
 */
public final class EmbeddedNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNetwork.class);

    private final Path dataRoot;
    private final LocalTestNetwork network;
    private final PaidTestnet paid;
    /** What each relay has earned, as its latest settlement round reported (the route map shows it). */
    private final Map<NodeId, Long> earned =
            new ConcurrentHashMap<>();
    private boolean closed;

    private EmbeddedNetwork(Path dataRoot, LocalTestNetwork network, PaidTestnet paid) {
        this.dataRoot = dataRoot;
        this.network = network;
        this.paid = paid;
        if (paid != null) {
            paid.onRound(round -> earned.put(round.relay().node(), round.earned().value()));
        }
    }

    /**
     * Starts the local test network; blocks for the seconds that takes, so never call it on the FX thread.
     *
     * @param payments null for a free network
     */
    public static EmbeddedNetwork startLocal(int nodes, int gateways, ProxySettings proxy, PaymentSettings payments)
            throws IOException, InterruptedException {
        Path dataRoot = Files.createTempDirectory("skywire-gui");
        try {
            if (payments == null) {
                return new EmbeddedNetwork(dataRoot, LocalTestNetwork.start(dataRoot, nodes, gateways, proxy, 0, 1),
                        null);
            }
            PaidTestnet paid = PaidTestnet.start(dataRoot, nodes, gateways, proxy, 0, 1, payments);
            return new EmbeddedNetwork(dataRoot, paid.network(), paid);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(dataRoot);
            throw e;
        }
    }

    /** The running network. */
    public LocalTestNetwork network() {
        return network;
    }

    /** Whether relays charge and the client pays. */
    public boolean paid() {
        return paid != null;
    }

    /** Hears every relay's settlement round (on the settlement thread); never called on a free network. */
    public void onSettlement(java.util.function.Consumer<io.skywire.app.testnet.PaidRelay.Round> listener) {
        if (paid != null) {
            paid.onRound(listener);
        }
    }

    /** What all relays have earned so far (paid out plus balance at the escrow), 0 on a free network. */
    long relaysEarnedDroplets() {
        if (paid == null) {
            return 0;
        }
        long total = 0;
        for (var relay : paid.relays()) {
            total = Math.addExact(total, relay.earned().value());
        }
        return total;
    }

    /** What the status bar says: "Local test network: 8 nodes, 3 gateways". */
    public String summary() {
        return "Local test network: " + network.nodeCount() + " nodes, " + network.gatewayCount() + " gateways"
                + (paid == null ? " (free)" : "");
    }

    /** Reads the client's counters, tunnel and gateways now (blocks briefly on their event loops). */
    public NodeSample sample() {
        return new NodeSample(System.nanoTime(), network.client().counters(),
                network.client().discovery().knownPeers().size(), network.proxy().status(),
                network.proxy().gateways());
    }

    /**
     * Reads what the route map draws now: the client's discovery, its tunnel's routes, its route table and the
     * relays' reported earnings (blocks briefly on event loops, so never on the FX thread).
     */
    public RouteMapReading routeMapReading() {
        var client = network.client();
        return new RouteMapReading(System.nanoTime(), client.nodeId(),
                client.discovery().selfRecord(), client.discovery().knownPeers(),
                client.discovery().linkedNeighbours(), System.currentTimeMillis() / 1000, network.proxy().routes(),
                client.routes(), earned);
    }

    /** Stops every node, proxy and escrow, and deletes the data directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (paid != null) {
                paid.close();
            } else {
                network.close();
            }
        } finally {
            deleteTree(dataRoot);
            LOG.info("local test network stopped");
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", root, e.toString());
        }
    }
}
