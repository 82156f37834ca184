package io.skywire.node.gateway;

import io.skywire.node.engine.RouteHandle;
import io.skywire.node.identity.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * One route of the client's current tunnel, copied on the proxy's loop for a user interface: the path it takes hop by
 * hop, the engine's handle (so its byte counts can be found among the node's routes) and whether it still carries
 * bytes. A tunnel over a route group has one per path; a path whose route never came up has no handle.
 *
 * @param path   the hops after the client, the gateway last
 * @param handle the route's node-local handle, or null when its route never came up
 * @param live   whether the route is up now
 */
public record TunnelRoute(List<NodeId> path, RouteHandle handle, boolean live) {

    public TunnelRoute {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a route has at least its gateway");
        }
        if (live) {
            Objects.requireNonNull(handle, "a live route has a handle");
        }
    }
}
