package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

/**
 * What a completed handshake yields: the authenticated peer and the first transport keys.
 *
 * @param remoteStatic   the peer's authenticated static key
 * @param sendKey        32-byte key for frames this side sends (epoch 0)
 * @param receiveKey     32-byte key for frames the peer sends (epoch 0)
 * @param chainingKey    the final chaining key; seeds both directions' rekey chains
 * @param handshakeHash  the final transcript hash, usable for channel binding
 * @param initiator      true on the side that sent act one
 */
public record HandshakeResult(NodeId remoteStatic, byte[] sendKey, byte[] receiveKey, byte[] chainingKey,
                              byte[] handshakeHash, boolean initiator) {
}
