package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

/**
 * User event fired through a link's pipeline once the handshake succeeded and the steady-state handlers
 * are installed; from then on the application handler reads and writes plaintext {@code ByteBuf}s.
 *
 * @param peer      the authenticated static key of the neighbour
 * @param initiator true when this side opened the link
 */
public record LinkEstablished(NodeId peer, boolean initiator) {
}
