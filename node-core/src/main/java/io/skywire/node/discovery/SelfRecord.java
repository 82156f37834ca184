package io.skywire.node.discovery;

import io.skywire.node.identity.NodeKeyPair;
import java.util.Objects;

/**
 * This node's own record, re-signed before it expires. The sequence number of each new version is the larger
 * of the previous one plus one and now in seconds, so it keeps growing across restarts without a stored counter.
 */
public final class SelfRecord {

    private final NodeKeyPair key;
    private final long lifetimeSeconds;
    private RecordContent content;
    private NodeRecord current;

    /**
     * @param key             the node key that signs
     * @param content         the fields to publish (its sequence and expiry are replaced)
     * @param lifetimeSeconds how long each version is valid (at most the policy's 24 h)
     */
    public SelfRecord(NodeKeyPair key, RecordContent content, long lifetimeSeconds) {
        this.key = Objects.requireNonNull(key, "key");
        this.content = Objects.requireNonNull(content, "content");
        if (lifetimeSeconds < 2 || lifetimeSeconds > RecordPolicy.DEFAULT_MAX_FUTURE_SECONDS) {
            throw new IllegalArgumentException("lifetime must be 2 s .. 24 h");
        }
        this.lifetimeSeconds = lifetimeSeconds;
    }

    /** The record to publish now: the current one, or a new version once half its lifetime has passed. */
    public NodeRecord current(long nowSeconds) {
        if (current == null || current.expirySeconds() - nowSeconds < lifetimeSeconds / 2) {
            long sequence = current == null ? nowSeconds : Math.max(current.sequence() + 1, nowSeconds);
            current = NodeRecordCodec.sign(key, content.renewed(sequence, nowSeconds + lifetimeSeconds));
        }
        return current;
    }

    /** Changes what is published (new addresses, prices); the next {@link #current} call signs a new version. */
    public void update(RecordContent newContent, long nowSeconds) {
        this.content = Objects.requireNonNull(newContent, "newContent");
        long sequence = current == null ? nowSeconds : Math.max(current.sequence() + 1, nowSeconds);
        current = NodeRecordCodec.sign(key, content.renewed(sequence, nowSeconds + lifetimeSeconds));
    }

    /** What is published now (the last {@link #update}, or the content this started with). */
    public RecordContent content() {
        return content;
    }

    /** The node key's DHT id. */
    public DhtKey id() {
        return DhtKey.ofNodeKey(key.nodeId().key());
    }
}
