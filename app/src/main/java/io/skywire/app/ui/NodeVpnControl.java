package io.skywire.app.ui;

import io.skywire.app.vpn.VpnLauncher;
import io.skywire.app.vpn.VpnPrivilege;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.ProxyServer;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.gateway.VpnClient;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link VpnControl}: a {@link VpnClient} on the app's own node, started as {@code skywire vpn up} starts it
 * ({@link VpnLauncher}: all of IPv4, kill switch on, DNS left alone), on the chosen gateway's paths with their first
 * hops' addresses (from the node's records) kept outside the tunnel, its lanes opened by the same {@link RouteOpener} as
 * the proxy's routes (paid on the paid test network). Start and stop run on one background thread, so
 * the FX thread never waits on the kernel or the network.
 */
final class NodeVpnControl implements VpnControl {

    private static final Logger LOG = LoggerFactory.getLogger(NodeVpnControl.class);
    /** Not the CLI's swvpn0: a {@code skywire vpn up} running beside the app keeps its own device. */
    static final String INTERFACE = "swgui0";

    private final NodeRuntime node;
    private final ProxyServer proxy;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "skywire-gui-vpn");
        thread.setDaemon(true);
        return thread;
    });
    private VpnClient client;

    private final io.skywire.node.engine.ForwardingMode bulkMode;
    /** The proxy's opener ({@link EmbeddedNetwork#routeOpener()}): both lanes are paid as the proxy's routes are. */
    private final RouteOpener opener;

    NodeVpnControl(NodeRuntime node, ProxyServer proxy, RouteOpener opener,
                   io.skywire.node.engine.ForwardingMode bulkMode) {
        this.node = node;
        this.proxy = proxy;
        this.opener = opener;
        this.bulkMode = bulkMode;
    }

    @Override
    public VpnPrivilege privilege() {
        return VpnPrivilege.ofThisProcess();
    }

    @Override
    public CompletableFuture<String> up(NodeId gateway, Consumer<String> statusLines) {
        return CompletableFuture.supplyAsync(() -> {
            if (client != null) {
                return VpnLauncher.statusLine(client.status());
            }
            VpnPrivilege privilege = privilege();
            if (!privilege.granted()) {
                throw new IllegalStateException(privilege.reason() + ": " + VpnLauncher.NEEDS_PRIVILEGE);
            }
            GatewayCandidate candidate = candidate(gateway);
            try {
                client = VpnLauncher.start(node, candidate, opener, new VpnClient.Settings(INTERFACE,
                        VpnClient.ALL_IPV4, firstHops(candidate), true, null, bulkMode));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
            client.onStatus(status -> statusLines.accept(VpnLauncher.statusLine(status)));
            return VpnLauncher.statusLine(client.status());
        }, worker);
    }

    private GatewayCandidate candidate(NodeId gateway) {
        if (proxy == null) {
            throw new IllegalStateException("no gateway is known (the proxies are off): nothing to tunnel through");
        }
        List<GatewaySnapshot> known = proxy.gateways();
        if (gateway != null) {
            return known.stream().map(GatewaySnapshot::candidate).filter(c -> c.gateway().equals(gateway))
                    .findFirst().orElseThrow(() -> new IllegalStateException("gateway " + gateway.fingerprint()
                            + " is no longer known"));
        }
        GatewayCandidate inUse = proxy.status().gateway();
        if (inUse != null) {
            return inUse;
        }
        return known.stream().map(GatewaySnapshot::candidate)
                .min(Comparator.comparingLong(GatewayCandidate::expectedCostPerGbDroplets))
                .orElseThrow(() -> new IllegalStateException("no gateway is known: nothing to tunnel through"));
    }

    /** The addresses of every path's first hop, from the node's verified records: they stay outside the tunnel. */
    private List<InetAddress> firstHops(GatewayCandidate candidate) {
        List<NodeRecord> records = node.discovery().knownPeers();
        Set<InetAddress> hops = new LinkedHashSet<>();
        for (List<NodeId> path : candidate.paths()) {
            NodeId first = path.get(0);
            NodeRecord record = records.stream().filter(r -> r.nodeKey().equals(first)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the first hop " + first.fingerprint()
                            + " has no known address, which must stay outside the tunnel"));
            record.addresses().forEach(address -> hops.add(address.toInetSocketAddress().getAddress()));
        }
        return List.copyOf(hops);
    }

    @Override
    public CompletableFuture<Void> down() {
        return CompletableFuture.runAsync(() -> {
            VpnClient running = client;
            client = null;
            if (running != null) {
                running.close();
            }
        }, worker);
    }

    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        try {
            down().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("the VPN did not stop cleanly: {}", e.toString());
        } finally {
            worker.shutdown();
        }
    }
}
