package io.skywire.node.discovery;

import io.skywire.node.identity.NodeId;
import java.util.Objects;

/**
 * An escrow a node runs or vouches for: clients buy blind tokens there and hops settle promises there, so a
 * record names its key (to check its signatures) and where to reach it.
 *
 * @param escrowKey the escrow's public key
 * @param address   where its service listens
 */
public record EscrowService(NodeId escrowKey, TransportAddress address) {

    public EscrowService {
        Objects.requireNonNull(escrowKey, "escrowKey");
        Objects.requireNonNull(address, "address");
    }
}
