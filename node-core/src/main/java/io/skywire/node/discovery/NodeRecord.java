package io.skywire.node.discovery;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.identity.NodeId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A node's self-description signed by its node key, as other nodes store and pass it on: it travels verbatim, so
 * it keeps its exact bytes and a forwarder cannot alter a field without breaking the signature. Immutable; obtain
 * one from {@link NodeRecordCodec#sign} or {@link NodeRecordCodec#decode}, and check it with a
 * {@link RecordPolicy} before trusting it.
 */
public final class NodeRecord {

    private final RecordContent content;
    private final byte[] encoded;
    private final DhtKey dhtKey;

    NodeRecord(RecordContent content, byte[] encoded) {
        this.content = content;
        this.encoded = encoded;
        this.dhtKey = DhtKey.ofNodeKey(content.nodeKey().key());
    }

    /** The signed fields. */
    public RecordContent content() {
        return content;
    }

    public NodeId nodeKey() {
        return content.nodeKey();
    }

    /** Where the record lives in the DHT: SHA-256 of the node key, which is also the node's DHT id. */
    public DhtKey dhtKey() {
        return dhtKey;
    }

    public long sequence() {
        return content.sequence();
    }

    public long expirySeconds() {
        return content.expirySeconds();
    }

    public List<TransportAddress> addresses() {
        return content.addresses();
    }

    public Optional<GatewayService> gateway() {
        return content.gateway();
    }

    public Optional<EscrowService> escrow() {
        return content.escrow();
    }

    /** The node's link neighbours when it signed the record. */
    public List<NeighbourTag> neighbours() {
        return content.neighbours();
    }

    /** A copy of the record's exact bytes, signature included. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Length of the encoded record. */
    public int encodedLength() {
        return encoded.length;
    }

    /** The 64-byte signature (r || s) at the end of the record. */
    public byte[] signature() {
        return Arrays.copyOfRange(encoded, encoded.length - NodeRecordCodec.SIGNATURE_BYTES, encoded.length);
    }

    /** SHA-256 of the whole record: the same record gives the same hash, so verification can be cached by it. */
    public byte[] hash() {
        return Hashes.sha256(encoded);
    }

    byte[] encodedView() {
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeRecord that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "NodeRecord[" + content.nodeKey().fingerprint() + " seq=" + content.sequence() + " expiry="
                + content.expirySeconds() + " addresses=" + content.addresses() + "]";
    }
}
