package io.skywire.app.ui;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.GatewayDirectory;
import io.skywire.node.gateway.GatewayOffer;
import io.skywire.node.gateway.ProxyServer;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.runtime.BootstrapConfig;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own node on the real network, as the user's settings describe it: a {@link NodeRuntime} from the node
 * configuration those settings generate (so its bootstrap nodes, ports and rate mean what they mean to {@code
 * skywire node}), its gateway directory built from discovery, optionally an exit for others, and the SOCKS5 and HTTP
 * proxies over the gateways it discovered.
 *
 * <p>Starting waits, boundedly, for two things a user would otherwise stare at a blank dashboard for: that some node
 * answered (else it fails with the reason: no answer from the bootstrap nodes), and that a gateway is known (else it
 * runs without proxies, and says so).
 */
final class JoinedNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JoinedNode.class);
    /** Connections an exit of the desktop app carries at once. */
    static final int GATEWAY_CONNECTIONS = 64;
    private static final int GATEWAY_CONNECT_TIMEOUT_MILLIS = 10_000;

    private final NodeRuntime node;
    private final GatewayDirectory directory;
    private final ExitService exit;
    private final ProxyServer proxy;
    private final int peersAtStart;

    private JoinedNode(NodeRuntime node, GatewayDirectory directory, ExitService exit, ProxyServer proxy,
                       int peersAtStart) {
        this.node = node;
        this.directory = directory;
        this.exit = exit;
        this.proxy = proxy;
        this.peersAtStart = peersAtStart;
    }

    /**
     * Starts the node and waits up to {@code wait} for peers, then up to {@code wait} for a gateway.
     *
     * @throws IOException when the node configuration is refused, a socket cannot be bound, or no node answered
     */
    static JoinedNode start(DesktopSettings settings, Path appDataDir, Duration wait)
            throws IOException, InterruptedException {
        NodeConfig config;
        try {
            config = settings.nodeConfig(appDataDir);
        } catch (NodeConfigException e) {
            throw new IOException("the node configuration from the settings is refused: " + e.getMessage(), e);
        }
        NodeRuntime node = NodeRuntime.start(config);
        GatewayDirectory directory = null;
        ExitService exit = null;
        try {
            if (settings.forward()) {
                node.discovery().advertiseForwardingPrice(settings.forwardPriceDroplets());
            } else {
                node.usePaymentPolicy(new RefuseTransit());
            }
            if (settings.gateway()) {
                exit = ExitService.start(node, new GatewayOffer(settings.gatewayPriceDroplets(), GATEWAY_CONNECTIONS,
                        settings.gatewayRegion(), ExitPolicy.publicOnly(), GATEWAY_CONNECT_TIMEOUT_MILLIS));
            }
            directory = GatewayDirectory.start(node, GatewayDirectory.Settings.defaults());
            long deadline = System.nanoTime() + wait.toNanos();
            while (node.discovery().knownPeers().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no answer from the bootstrap nodes " + bootstrapList(config) + " within "
                            + wait.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
            deadline = System.nanoTime() + wait.toNanos();
            List<GatewayCandidate> gateways = directory.candidates();
            while (gateways.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                gateways = directory.candidates();
            }
            ProxyServer proxy = null;
            if (!gateways.isEmpty()) {
                RouteOptions options = new RouteOptions(settings.qos(), ForwardingMode.STORE_AND_FORWARD,
                        RouteOptions.bulk().bufferBytes());
                RouteOpener opener = (from, path) -> from.openRoute(path, options);
                proxy = ProxyServer.startAuto(node, gateways, settings.proxySettings(), opener);
                // Gateways found after the start (records still spreading, nodes joining later) join the choice.
                directory.onUpdate(proxy::updateGateways);
            }
            int peers = node.discovery().knownPeers().size();
            LOG.info("joined {} peers; {} gateways known", peers, gateways.size());
            return new JoinedNode(node, directory, exit, proxy, peers);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close(directory, exit);
            node.stop();
            throw e;
        }
    }

    private static String bootstrapList(NodeConfig config) {
        return config.discovery().bootstrap().stream().map(BootstrapConfig::address)
                .map(address -> address.getHostString() + ":" + address.getPort()).collect(Collectors.joining(", "));
    }

    NodeRuntime node() {
        return node;
    }

    /** The proxies, or null when no gateway was known at start. */
    ProxyServer proxy() {
        return proxy;
    }

    /** The tunnel's status; without proxies, failed with the reason. */
    TunnelStatus status() {
        if (proxy != null) {
            return proxy.status();
        }
        return new TunnelStatus(TunnelState.FAILED, "no gateway was known when the app started, so the proxies are "
                + "off; restart to look again", null, 0, 0, false);
    }

    /** "Joined 5 peers" and what became of the gateways. */
    String summary() {
        String gateways = proxy == null ? "; no gateway found, so no proxy"
                : "; proxy over " + directory.candidates().size() + " gateways";
        return "Joined " + peersAtStart + (peersAtStart == 1 ? " peer" : " peers") + gateways
                + (exit != null ? "; acting as a gateway" : "");
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        close(directory, exit);
        node.stop();
    }

    private static void close(GatewayDirectory directory, ExitService exit) {
        if (directory != null) {
            directory.close();
        }
        if (exit != null) {
            exit.close();
        }
    }
}
