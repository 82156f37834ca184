package io.skywire.node.discovery;

import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The newest valid record of each node this node knows, bounded in size. A record replaces the held one only
 * with a higher sequence number, so a replayed old record cannot roll a node's addresses back; duplicates and
 * older records are refused before their signature is checked, which keeps a flood of replays cheap.
 */
public final class RecordStore {

    private final RecordPolicy policy;
    private final int capacity;
    private final Map<DhtKey, NodeRecord> records = new HashMap<>();
    private final EnumCounters<RecordRefusal> refusals = new EnumCounters<>(RecordRefusal.class);

    /**
     * @param policy   what a record must satisfy
     * @param capacity most records held at once
     */
    public RecordStore(RecordPolicy policy, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.policy = policy;
        this.capacity = capacity;
    }

    /**
     * Stores {@code record} if it is valid and newer than the one held for its node.
     *
     * @return empty when stored, else why it was refused (also counted)
     */
    public Optional<RecordRefusal> put(NodeRecord record, long nowSeconds) {
        NodeRecord held = records.get(record.dhtKey());
        if (held != null && held.expirySeconds() > nowSeconds && record.sequence() <= held.sequence()) {
            return refuse(RecordRefusal.OLD_SEQUENCE);
        }
        try {
            policy.check(record, nowSeconds);
        } catch (RecordException e) {
            return refuse(e.reason());
        }
        if (held == null && records.size() >= capacity) {
            evictExpired(nowSeconds);
            if (records.size() >= capacity) {
                return refuse(RecordRefusal.STORE_FULL);
            }
        }
        records.put(record.dhtKey(), record);
        return Optional.empty();
    }

    /** The held record of {@code nodeKey}, if it has not expired. */
    public Optional<NodeRecord> get(NodeId nodeKey, long nowSeconds) {
        return get(DhtKey.ofNodeKey(nodeKey.key()), nowSeconds);
    }

    /** The held record stored under {@code key} (SHA-256 of its node key), if it has not expired. */
    public Optional<NodeRecord> get(DhtKey key, long nowSeconds) {
        NodeRecord record = records.get(key);
        if (record == null || record.expirySeconds() <= nowSeconds) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    /** Every held, unexpired record. */
    public List<NodeRecord> all(long nowSeconds) {
        List<NodeRecord> out = new ArrayList<>();
        for (NodeRecord record : records.values()) {
            if (record.expirySeconds() > nowSeconds) {
                out.add(record);
            }
        }
        return out;
    }

    /** Forgets expired records; returns how many. */
    public int evictExpired(long nowSeconds) {
        int evicted = 0;
        Collection<NodeRecord> values = records.values();
        for (Iterator<NodeRecord> it = values.iterator(); it.hasNext(); ) {
            if (it.next().expirySeconds() <= nowSeconds) {
                it.remove();
                evicted++;
            }
        }
        return evicted;
    }

    /** Records held, expired ones not yet evicted included. */
    public int size() {
        return records.size();
    }

    /** Refusals by reason. */
    public EnumCounters<RecordRefusal> refusals() {
        return refusals;
    }

    private Optional<RecordRefusal> refuse(RecordRefusal reason) {
        refusals.increment(reason);
        return Optional.of(reason);
    }
}
