package io.skywire.app.ui;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.ProxyServer;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import java.util.concurrent.CompletableFuture;

/**
 * What the gateway screen asks of the proxy, as futures that complete off the FX thread: an interface so the view
 * model is tested without a network, and so it never holds the proxy itself.
 */
public interface GatewayControl {

    /** Moves the tunnel to {@code gateway} and keeps it there; completes with the settled status. */
    CompletableFuture<TunnelStatus> connect(NodeId gateway);

    /** Turns the tunnel off. */
    CompletableFuture<TunnelStatus> disconnect();

    /** Lets the client choose the best-value gateway again. */
    CompletableFuture<TunnelStatus> auto();

    /** Measures {@code gateway}'s round trip and throughput; completes with its snapshot. */
    CompletableFuture<GatewaySnapshot> speedTest(NodeId gateway);

    /** The control of a running proxy. */
    static GatewayControl of(ProxyServer proxy) {
        return new GatewayControl() {
            @Override
            public CompletableFuture<TunnelStatus> connect(NodeId gateway) {
                return proxy.connectTo(gateway);
            }

            @Override
            public CompletableFuture<TunnelStatus> disconnect() {
                return proxy.disconnect();
            }

            @Override
            public CompletableFuture<TunnelStatus> auto() {
                return proxy.auto();
            }

            @Override
            public CompletableFuture<GatewaySnapshot> speedTest(NodeId gateway) {
                return proxy.speedTest(gateway);
            }
        };
    }
}
