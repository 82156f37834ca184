package io.skywire.node.engine;

import java.util.Objects;

/**
 * A copy of one route table entry for someone outside the engine (a route map, a status page): the engine's
 * {@code Route} is mutable and owned by its event loop, so readers get this value instead. A transit entry is a route
 * this node forwards for others; it knows only its two neighbours, never the whole path, which is the point of
 * onion routing.
 *
 * @param handle          the node-local handle
 * @param role            this node's part in the route
 * @param previousHopKey  the compressed key of the neighbour towards the origin; null at the origin
 * @param nextHopKey      the compressed key of the neighbour towards the destination; null at the destination
 * @param established     whether setup completed (a transit entry counts as established once it forwards)
 * @param bytesForwarded  payload bytes forwarded (transit)
 * @param bytesSent       payload bytes sent (ends)
 * @param bytesReceived   payload bytes received (ends)
 */
public record RouteView(RouteHandle handle, Role role, byte[] previousHopKey, byte[] nextHopKey, boolean established,
                        long bytesForwarded, long bytesSent, long bytesReceived) {

    /** This node's part in a route. */
    public enum Role { ORIGIN, TRANSIT, DESTINATION }

    public RouteView {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(role, "role");
        previousHopKey = previousHopKey == null ? null : previousHopKey.clone();
        nextHopKey = nextHopKey == null ? null : nextHopKey.clone();
    }

    @Override
    public byte[] previousHopKey() {
        return previousHopKey == null ? null : previousHopKey.clone();
    }

    @Override
    public byte[] nextHopKey() {
        return nextHopKey == null ? null : nextHopKey.clone();
    }

    static RouteView of(Route route) {
        return new RouteView(route.handle, Role.valueOf(route.role.name()),
                route.up == null ? null : route.up.link.peerKey, route.down == null ? null : route.down.link.peerKey,
                route.established || route.role == Route.Role.TRANSIT, route.bytesForwarded, route.bytesSent,
                route.bytesReceived);
    }
}
