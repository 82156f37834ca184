package io.skywire.app.ui;

import io.skywire.app.testnet.PaidTestnet;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.app.wallet.UserWallet;
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
    private UserWallet wallet;
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
        return startLocal(nodes, gateways, proxy, payments, null);
    }

    /**
     * As {@link #startLocal(int, int, ProxySettings, PaymentSettings)}, with the user's unlocked wallet (null for
     * none): on a paid network the client pays from it (see {@link UserWallet#forTestNetwork()}) and the wallet
     * reads its pseudonyms at the network's escrow until the network stops.
     */
    public static EmbeddedNetwork startLocal(int nodes, int gateways, ProxySettings proxy, PaymentSettings payments,
                                             UserWallet wallet) throws IOException, InterruptedException {
        Path dataRoot = Files.createTempDirectory("skywire-gui");
        try {
            if (payments == null) {
                return new EmbeddedNetwork(dataRoot, LocalTestNetwork.start(dataRoot, nodes, gateways, proxy, 0, 1),
                        null);
            }
            PaidTestnet paid = PaidTestnet.start(dataRoot, nodes, gateways, proxy, 0, 1, payments,
                    wallet == null ? null : wallet.forTestNetwork());
            EmbeddedNetwork embedded = new EmbeddedNetwork(dataRoot, paid.network(), paid);
            if (wallet != null) {
                embedded.wallet = wallet;
                wallet.useEscrow(paid.escrow().escrow());
            }
            return embedded;
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

    /** Every relay settles now (listeners hear it); nothing on a free network. For tests and a "settle" button. */
    public void settleNow() {
        if (paid != null) {
            paid.settleNow();
        }
    }

    /** What the status bar says: "Local test network: 8 nodes, 3 gateways". */
    public String summary() {
        return "Local test network: " + network.nodeCount() + " nodes, " + network.gatewayCount() + " gateways"
                + (paid == null ? " (free)" : "")
                + (wallet == null ? "" : "; your wallet pays with test coins on the local chain");
    }

    /** Reads the client's counters, tunnel and gateways now (blocks briefly on their event loops). */
    public NodeSample sample() {
        return new NodeSample(System.nanoTime(), network.client().counters(),
                network.client().discovery().knownPeers().size(), network.proxy().status(),
                network.proxy().gateways());
    }

    /** Stops every node, proxy and escrow, and deletes the data directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (wallet != null) {
                wallet.useEscrow(null);
            }
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
