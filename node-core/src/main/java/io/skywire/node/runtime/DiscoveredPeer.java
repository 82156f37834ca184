package io.skywire.node.runtime;

import io.skywire.node.discovery.NodeRecord;

/**
 * A node this node has learned of (or a newer record of one), with how it learned of it.
 *
 * @param record the node's verified, unexpired record
 * @param via    the channel it came by
 */
public record DiscoveredPeer(NodeRecord record, Via via) {

    /** How a record reached this node. */
    public enum Via {
        /** A multicast announcement on the LAN. */
        LAN,
        /** A HELLO or its answer: a bootstrap node, or a node that used this one as its bootstrap. */
        HELLO,
        /** Peer exchange with a linked neighbour. */
        PEX,
        /** A DHT answer. */
        DHT
    }
}
