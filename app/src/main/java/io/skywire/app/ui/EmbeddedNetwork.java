package io.skywire.app.ui;

import io.skywire.app.testnet.PaidTestnet;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
    private boolean closed;

    private EmbeddedNetwork(Path dataRoot, LocalTestNetwork network, PaidTestnet paid) {
        this.dataRoot = dataRoot;
        this.network = network;
        this.paid = paid;
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

    /**
     * What the user's own node (the client) has earned forwarding for others: the escrow-settled earnings of a
     * charging relay running on it. In the local test network the client charges nothing and relays for no one, so
     * this is 0, and the dashboard says so beside the bytes it forwarded.
     */
    long nodeEarnedDroplets() {
        if (paid == null) {
            return 0;
        }
        long total = 0;
        for (var relay : paid.relays()) {
            if (relay.node().equals(network.client().nodeId())) {
                total = Math.addExact(total, relay.earned().value());
            }
        }
        return total;
    }

    /** Reads the client's counters, tunnel and gateways now (blocks briefly on their event loops). */
    public NodeSample sample() {
        return new NodeSample(System.nanoTime(), network.client().counters(),
                network.client().discovery().knownPeers().size(), network.proxy().status(),
                network.proxy().gateways(), network.proxy().chosenGateway(), nodeEarnedDroplets());
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
