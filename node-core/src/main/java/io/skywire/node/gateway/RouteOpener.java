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
 * end to end), while the proxies' streams always need store-and-forward's per-hop delivery. The VPN's real-time
 * lane asks for other options still (QoS real-time, small buffers) with {@link #open(NodeRuntime, List, RouteOptions)},
 * so that it is opened, and paid for, by the same opener as its bulk lane.
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
            return open(node, path, unpaidOptions(mode));
        }

        @Override
        public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, RouteOptions options) {
            return node.openRoute(path, options);
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

    /**
     * As {@link #open(NodeRuntime, List)} with {@code options}' QoS class, forwarding mode and buffers (their prices,
     * if any, are the opener's to set: a paying opener puts its hops' prices in). An opener that does not override this
     * opens only bulk routes with the default buffers, in the modes it supports, and fails other options with a
     * readable reason rather than opening a route the caller did not ask for.
     */
    default CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, RouteOptions options) {
        RouteOptions bulk = RouteOptions.bulk();
        if (options.qos() == bulk.qos() && options.bufferBytes() == bulk.bufferBytes() && options.prices().isEmpty()) {
            return open(node, path, options.mode());
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "this route opener opens only bulk routes with the default buffers, not " + options.qos() + " with "
                        + options.bufferBytes() + "-byte buffers"));
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
