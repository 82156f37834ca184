package io.skywire.node.runtime;

import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A node contacted at start to join the network. Its key is optional: without it the node first asks the address
 * for its signed record (a discovery HELLO), since the link handshake needs the responder's key in advance.
 *
 * @param id      the bootstrap node's key, or null when only its address is known
 * @param address its UDP address
 */
public record BootstrapConfig(NodeId id, InetSocketAddress address) {

    public BootstrapConfig {
        Objects.requireNonNull(address, "address");
    }
}
