package io.skywire.app.ui;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.testnet.PaidTestnet;
import io.skywire.app.ui.map.RouteMapReading;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.app.wallet.UserWallet;
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
 * The network the desktop app runs in its own process: with no bootstrap nodes in the settings, the local test
 * network, paid (escrow, paying client, charging relays) unless free, in a temporary data directory it removes when
 * closed; with bootstrap nodes, the app's own node joining them ({@link #join}).
 */
public final class EmbeddedNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNetwork.class);

    private final Path dataRoot;
    private final LocalTestNetwork network;
    private final PaidTestnet paid;
    private final JoinedNode joined;
    /** What each relay has earned, as its latest settlement round reported (the route map shows it). */
    private final Map<NodeId, Long> earned =
            new ConcurrentHashMap<>();
    private UserWallet wallet;
    private boolean closed;
    /** The chat service on the app's node, null when off ({@link #chatOffReason}). */
    private volatile NodeChat chat;
    /** In the local test network, the chat service on one relay, so there is someone to talk to. */
    private volatile NodeChat testPeerChat;
    private volatile String chatOffReason = "the node has not started";

    private EmbeddedNetwork(Path dataRoot, LocalTestNetwork network, PaidTestnet paid) {
        this.dataRoot = dataRoot;
        this.network = network;
        this.paid = paid;
        if (paid != null) {
            paid.onRound(round -> earned.put(round.relay().node(), round.earned().value()));
        }
        this.joined = null;
    }

    private EmbeddedNetwork(JoinedNode joined) {
        this.dataRoot = null;
        this.network = null;
        this.paid = null;
        this.joined = joined;
    }

    /**
     * Starts the app's node from {@code settings} (which name bootstrap nodes) and joins them: waits up to {@code
     * wait} for an answer, then as long again for a gateway; blocks, so never call it on the FX thread.
     *
     * @throws IOException with the reason when the node cannot start or nobody answered
     */
    public static EmbeddedNetwork join(DesktopSettings settings, Path appDataDir, java.time.Duration wait)
            throws IOException, InterruptedException {
        EmbeddedNetwork embedded = new EmbeddedNetwork(JoinedNode.start(settings, appDataDir, wait));
        embedded.chat = embedded.startChat(embedded.joined.node());
        return embedded;
    }

    /** The client's chat, and one relay's as the test peer. */
    private void startLocalChat() {
        chat = startChat(network.client());
        var relays = network.relays();
        if (chat != null && !relays.isEmpty()) {
            testPeerChat = startChat(relays.get(0));
        }
    }

    /** The chat service on {@code node}, or null with {@link #chatOffReason} saying why it did not start. */
    private NodeChat startChat(io.skywire.node.runtime.NodeRuntime node) {
        try {
            return NodeChat.start(node);
        } catch (IOException | RuntimeException e) {
            LOG.warn("chat service on {} did not start: {}", node.nodeId().fingerprint(), e.toString());
            chatOffReason = "the chat service did not start: " + e.getMessage();
            return null;
        }
    }

    /** The chat service on the app's node, or null when chat is off ({@link #chatOffReason()}). */
    public ChatPort chat() {
        return chat;
    }

    /** Why {@link #chat()} is null. */
    public String chatOffReason() {
        return chatOffReason;
    }

    /** The local test network's chat peer (a relay), or null when joined or off. */
    public NodeId chatTestPeer() {
        NodeChat peer = testPeerChat;
        return peer == null ? null : peer.self();
    }

    /** The test peer's chat service (tests and demos reply from it), or null. */
    public ChatPort chatTestPeerService() {
        return testPeerChat;
    }

    /** The node the dashboard shows: the test network's client, or the app's own node. */
    public io.skywire.node.runtime.NodeRuntime client() {
        return joined != null ? joined.node() : network.client();
    }

    /** The SOCKS5 and HTTP proxies; null when a joined node found no gateway. */
    public io.skywire.node.gateway.ProxyServer proxy() {
        return joined != null ? joined.proxy() : network.proxy();
    }

    /** Whether this is the app's own node on configured peers rather than the local test network. */
    public boolean joinedPeers() {
        return joined != null;
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
                EmbeddedNetwork free = new EmbeddedNetwork(dataRoot,
                        LocalTestNetwork.start(dataRoot, nodes, gateways, proxy, 0, 1), null);
                free.startLocalChat();
                return free;
            }
            PaidTestnet paid = PaidTestnet.start(dataRoot, nodes, gateways, proxy, 0, 1, payments,
                    wallet == null ? null : wallet.forTestNetwork());
            EmbeddedNetwork embedded = new EmbeddedNetwork(dataRoot, paid.network(), paid);
            if (wallet != null) {
                embedded.wallet = wallet;
                wallet.useEscrow(paid.escrow().escrow());
            }
            embedded.startLocalChat();
            return embedded;
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(dataRoot);
            throw e;
        }
    }

    /** The local test network's temporary data directory (removed by {@link #close()}); null when joined. */
    Path dataRoot() {
        return dataRoot;
    }

    /** The running local test network; null when the app joined configured peers. */
    public LocalTestNetwork network() {
        return network;
    }

    /**
     * How the app's node opens its routes to gateways, for the proxy and the VPN alike (the one place that decides):
     * the paying client on the paid test network, unpaid on a free one or on joined peers (no escrow runs there).
     */
    public io.skywire.node.gateway.RouteOpener routeOpener() {
        return paid != null ? paid.routeOpener() : io.skywire.node.gateway.RouteOpener.UNPAID;
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
        if (joined != null) {
            return joined.summary();
        }
        return "Local test network: " + network.nodeCount() + " nodes, " + network.gatewayCount() + " gateways"
                + (paid == null ? " (free)" : "")
                + (wallet == null ? "" : "; your wallet pays with test coins on the local chain");
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
        var node = client();
        var proxy = proxy();
        return new NodeSample(System.nanoTime(), node.counters(), node.discovery().knownPeers().size(),
                joined != null ? joined.status() : proxy.status(),
                proxy == null ? java.util.List.of() : proxy.gateways(),
                proxy == null ? null : proxy.chosenGateway(), nodeEarnedDroplets());
    }

    /**
     * Reads what the route map draws now: the client's discovery, its tunnel's routes, its route table and the
     * relays' reported earnings (blocks briefly on event loops, so never on the FX thread).
     */
    public RouteMapReading routeMapReading() {
        var client = client();
        var proxy = proxy();
        return new RouteMapReading(System.nanoTime(), client.nodeId(),
                client.discovery().selfRecord(), client.discovery().knownPeers(),
                client.discovery().linkedNeighbours(), System.currentTimeMillis() / 1000,
                proxy == null ? java.util.List.of() : proxy.routes(), client.routes(), earned);
    }

    /** Stops every node, proxy and escrow, and deletes the data directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeChat();
        if (joined != null) {
            joined.close();
            LOG.info("the app's node stopped");
            return;
        }
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

    private void closeChat() {
        for (NodeChat running : new NodeChat[] {chat, testPeerChat}) {
            if (running != null) {
                try {
                    running.close();
                } catch (RuntimeException e) {
                    LOG.warn("stopping the chat service: {}", e.toString());
                }
            }
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
