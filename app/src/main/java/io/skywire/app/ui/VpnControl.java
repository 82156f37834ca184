package io.skywire.app.ui;

import io.skywire.app.vpn.VpnPrivilege;
import io.skywire.node.identity.NodeId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the gateway screen's VPN switch asks of the system-wide tunnel, as futures that complete off the FX thread:
 * an interface so the switch is tested without root, a TUN device or a network (tests must never route the test
 * machine's own traffic), and so the view model never holds the VPN client itself.
 */
public interface VpnControl extends AutoCloseable {

    /** Whether this process may bring a VPN up at all, and why not. */
    VpnPrivilege privilege();

    /**
     * Brings the VPN up through {@code gateway} (null: the gateway the proxy uses, else the best value); completes
     * with the first status line once the TUN device, the routes and the kill switch are set, and sends every later
     * status line to {@code statusLines} (any thread).
     */
    CompletableFuture<String> up(NodeId gateway, Consumer<String> statusLines);

    /** Takes the VPN down (routes, kill switch and TUN device removed); completes at once when it is off. */
    CompletableFuture<Void> down();

    /** Takes the VPN down and waits for it (at most a few seconds); for the window's close, off the FX thread. */
    @Override
    void close();

    /** The control over the app's own node and its proxy's gateways, its lanes opened (and paid) as the proxy's. */
    static VpnControl of(EmbeddedNetwork network) {
        return of(network, io.skywire.node.engine.ForwardingMode.STORE_AND_FORWARD);
    }

    /** As {@link #of(EmbeddedNetwork)}, the VPN's bulk lane in {@code bulkMode} (desktop.conf's vpn.store-and-forward). */
    static VpnControl of(EmbeddedNetwork network, io.skywire.node.engine.ForwardingMode bulkMode) {
        return new NodeVpnControl(network.client(), network.proxy(), network.routeOpener(), bulkMode);
    }
}
