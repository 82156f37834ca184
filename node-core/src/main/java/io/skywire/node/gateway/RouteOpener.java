package io.skywire.node.gateway;

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
 */
@FunctionalInterface
public interface RouteOpener {

    /** Unpaid, bulk, store-and-forward. */
    RouteOpener UNPAID = (node, path) -> node.openRoute(path, RouteOptions.bulk());

    /** Opens a route from {@code node} over {@code path} (the last hop is the gateway); completes once established. */
    CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path);
}
