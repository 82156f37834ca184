package io.skywire.node.discovery;

import java.util.List;

/**
 * The DHT's messages (bytes in docs/PROTOCOL.md section 4.3). Every message names a random transaction id and
 * its sender's node key; an answer repeats the id of the query it answers.
 */
public sealed interface DhtMessage {

    /** The query's random id, repeated by the answer. */
    long transactionId();

    /** The sender's compressed node key (shape-checked only). */
    byte[] senderKey();

    /** True for PING, FIND_NODE, FIND_VALUE and STORE; false for their answers. */
    default boolean isQuery() {
        return this instanceof Ping || this instanceof FindNode || this instanceof FindValue || this instanceof Store;
    }

    /** Which value a FIND_VALUE or STORE concerns. */
    enum ValueKind {
        /** A node record, under SHA-256 of its node key. */
        NODE_RECORD(1),
        /** Records of a service's providers, under {@link DhtKey#ofService}. */
        PROVIDERS(2);

        private final int code;

        ValueKind(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }

        static ValueKind fromCode(int code) {
            return code == 1 ? NODE_RECORD : code == 2 ? PROVIDERS : null;
        }
    }

    /** "Are you there?" */
    record Ping(long transactionId, byte[] senderKey) implements DhtMessage {
    }

    /** Answer to {@link Ping}. */
    record Pong(long transactionId, byte[] senderKey) implements DhtMessage {
    }

    /** Asks for the contacts the receiver knows closest to {@code target}. */
    record FindNode(long transactionId, byte[] senderKey, DhtKey target) implements DhtMessage {
    }

    /** Asks for the value under {@code target}, or closer contacts when the receiver has none. */
    record FindValue(long transactionId, byte[] senderKey, ValueKind kind, DhtKey target) implements DhtMessage {
    }

    /** Asks the receiver to keep {@code record} under {@code key}. */
    record Store(long transactionId, byte[] senderKey, ValueKind kind, DhtKey key, NodeRecord record)
            implements DhtMessage {
    }

    /** Answer to FIND_NODE, or to FIND_VALUE when the receiver holds no value: at most k contacts. */
    record Nodes(long transactionId, byte[] senderKey, List<Contact> contacts) implements DhtMessage {
        public Nodes {
            contacts = List.copyOf(contacts);
        }
    }

    /** Answer to FIND_VALUE: the records held under the key (as many as fit one datagram). */
    record Value(long transactionId, byte[] senderKey, ValueKind kind, List<NodeRecord> records)
            implements DhtMessage {
        public Value {
            records = List.copyOf(records);
        }
    }

    /** Answer to STORE: whether the receiver kept the record. */
    record Stored(long transactionId, byte[] senderKey, boolean accepted) implements DhtMessage {
    }
}
