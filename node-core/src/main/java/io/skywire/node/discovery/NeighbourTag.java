package io.skywire.node.discovery;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.identity.NodeId;
import java.nio.ByteBuffer;

/**
 * How a record names one of the node's link neighbours: the first 8 bytes of SHA-256 of the neighbour's node key
 * (the start of its DHT id). A full 33-byte key per neighbour would not fit 32 neighbours next to 8 addresses and
 * the offers in one datagram-sized record; 8 bytes do, and since a link counts only when both ends name each other
 * (see {@code routing.KnownLinkGraph}), a forger gains nothing from a colliding prefix of its own key.
 *
 * @param value the 8 bytes, big-endian
 */
public record NeighbourTag(long value) {

    /** Encoded length. */
    public static final int BYTES = 8;

    /** The tag of {@code node}. */
    public static NeighbourTag of(NodeId node) {
        return new NeighbourTag(ByteBuffer.wrap(Hashes.sha256(node.key())).getLong());
    }

    @Override
    public String toString() {
        return String.format("%016x", value);
    }
}
