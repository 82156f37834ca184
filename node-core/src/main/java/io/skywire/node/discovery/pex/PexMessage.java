package io.skywire.node.discovery.pex;

import io.skywire.node.discovery.NodeRecord;
import java.util.List;

/** The peer-exchange messages (docs/PROTOCOL.md 5.3); each carries a nonce that an answer repeats. */
public sealed interface PexMessage {

    /** The request's nonce, repeated by its answer. */
    long nonce();

    /** "Here is my record; send me yours": to an address whose key is not known yet (a bootstrap node). */
    record Hello(long nonce, NodeRecord record) implements PexMessage {
    }

    /** The answer to a {@link Hello}: the answerer's own record. */
    record HelloReply(long nonce, NodeRecord record) implements PexMessage {
    }

    /** A neighbour asks for the records of our other neighbours. */
    record Request(long nonce) implements PexMessage {
    }

    /** Records of neighbours: an answer to a {@link Request}, or unasked when a new neighbour arrives. */
    record Records(long nonce, List<NodeRecord> records) implements PexMessage {
        public Records {
            records = List.copyOf(records);
        }
    }
}
