package io.skywire.node.engine;

import java.util.List;

/**
 * What an origin asks for when it opens a route: the whole path as hop node keys (the last is the
 * destination), the service class, the forwarding mode and each hop's buffer per direction in bytes.
 */
public record RouteSpec(List<byte[]> path, QosClass qos, ForwardingMode mode, int bufferBytes) {

    public RouteSpec {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one hop");
        }
        if (bufferBytes < EngineConfig.MIN_ROUTE_BUFFER_BYTES) {
            throw new IllegalArgumentException("route buffer below " + EngineConfig.MIN_ROUTE_BUFFER_BYTES + " bytes");
        }
    }
}
