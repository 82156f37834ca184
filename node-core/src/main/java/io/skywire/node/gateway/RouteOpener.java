package io.skywire.node.gateway;

import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteOptions;
import io.skywire.node.runtime.RouteSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the client's proxy opens each route to a gateway. The proxy knows nothing of money: a paying client (the
 * app, which has the wallet) opens the route with its hops' prices and starts paying once it is established;
 * node-core's default opens an unpaid bulk route.
 *
 * <p>Routes are store-and-forward unless a caller asks for another {@link ForwardingMode} with
 * {@link #open(NodeRuntime, List, ForwardingMode)}: the VPN's bulk lane may run cut-through (the TCP inside resends
 * end to end), while the proxies' streams always need store-and-forward's per-hop delivery.
 */
@FunctionalInterface
public interface RouteOpener {

    /** Unpaid and bulk; store-and-forward unless asked for another mode. */
    RouteOpener UNPAID = new RouteOpener() {
        @Override
        public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path) {
            return open(node, path, ForwardingMode.STORE_AND_FORWARD);
        }

        @Override
        public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, ForwardingMode mode) {
            return node.openRoute(path, unpaidOptions(mode));
        }
    };

    /** The options of {@link #UNPAID}'s routes in {@code mode}: bulk, unpaid, 1 MiB per hop and direction. */
    static RouteOptions unpaidOptions(ForwardingMode mode) {
        return RouteOptions.bulk().withMode(mode);
    }

    /** Opens a route from {@code node} over {@code path} (the last hop is the gateway); completes once established. */
    CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path);

    /**
     * As {@link #open(NodeRuntime, List)} in forwarding mode {@code mode}. An opener that does not override this opens
     * only store-and-forward routes, and fails any other mode with a readable reason rather than ignoring it.
     */
    default CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, ForwardingMode mode) {
        if (mode == ForwardingMode.STORE_AND_FORWARD) {
            return open(node, path);
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "this route opener opens only store-and-forward routes, not " + mode));
    }

    /** This opener with every route in forwarding mode {@code mode} (itself for store-and-forward). */
    default RouteOpener inMode(ForwardingMode mode) {
        if (mode == ForwardingMode.STORE_AND_FORWARD) {
            return this;
        }
        RouteOpener self = this;
        return (node, path) -> self.open(node, path, mode);
    }
}
