package io.skywire.node.runtime;

import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A static neighbour this node dials at start and redials when the link drops.
 *
 * @param id        the neighbour's static key, authenticated by the link handshake
 * @param transport how to reach it
 * @param address   where it listens
 */
public record PeerConfig(NodeId id, Transport transport, InetSocketAddress address) {

    public PeerConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }
}
