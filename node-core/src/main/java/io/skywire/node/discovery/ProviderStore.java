package io.skywire.node.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers of services this node holds for the DHT: per service key, the records of the nodes that announced
 * it, newest record per node, each until its record expires. Bounded per key and in total, so announcements
 * cannot exhaust memory; a full key or store refuses newcomers rather than evicting live entries.
 */
final class ProviderStore {

    private final RecordPolicy policy;
    private final int maxPerKey;
    private final int maxEntries;
    private final Map<DhtKey, Map<DhtKey, NodeRecord>> byService = new HashMap<>();
    private int entries;

    ProviderStore(RecordPolicy policy, int maxPerKey, int maxEntries) {
        this.policy = policy;
        this.maxPerKey = maxPerKey;
        this.maxEntries = maxEntries;
    }

    /**
     * Adds or refreshes {@code record} as a provider of {@code service}.
     *
     * @return empty when held, else why not
     */
    Optional<RecordRefusal> put(DhtKey service, NodeRecord record, long nowSeconds) {
        Map<DhtKey, NodeRecord> providers = byService.get(service);
        NodeRecord held = providers == null ? null : providers.get(record.dhtKey());
        if (held != null && held.equals(record)) {
            return Optional.empty(); // a republication of what is held: nothing to check again
        }
        if (held != null && held.expirySeconds() > nowSeconds && record.sequence() <= held.sequence()) {
            return Optional.of(RecordRefusal.OLD_SEQUENCE);
        }
        try {
            policy.check(record, nowSeconds);
        } catch (RecordException e) {
            return Optional.of(e.reason());
        }
        if (held == null) {
            if (providers != null && providers.size() >= maxPerKey) {
                evictExpired(providers, nowSeconds);
            }
            if (entries >= maxEntries) {
                evictExpired(nowSeconds);
            }
            if ((providers != null && providers.size() >= maxPerKey) || entries >= maxEntries) {
                return Optional.of(RecordRefusal.STORE_FULL);
            }
            if (providers == null) {
                providers = new LinkedHashMap<>();
                byService.put(service, providers);
            }
            entries++;
        }
        providers.put(record.dhtKey(), record);
        return Optional.empty();
    }

    /** Unexpired providers of {@code service}, latest expiry first. */
    List<NodeRecord> get(DhtKey service, long nowSeconds) {
        Map<DhtKey, NodeRecord> providers = byService.get(service);
        if (providers == null) {
            return List.of();
        }
        List<NodeRecord> out = new ArrayList<>(providers.size());
        for (NodeRecord record : providers.values()) {
            if (record.expirySeconds() > nowSeconds) {
                out.add(record);
            }
        }
        out.sort(Comparator.comparingLong(NodeRecord::expirySeconds).reversed());
        return out;
    }

    /** Drops every expired entry. */
    void evictExpired(long nowSeconds) {
        for (Iterator<Map<DhtKey, NodeRecord>> it = byService.values().iterator(); it.hasNext(); ) {
            Map<DhtKey, NodeRecord> providers = it.next();
            evictExpired(providers, nowSeconds);
            if (providers.isEmpty()) {
                it.remove();
            }
        }
    }

    private void evictExpired(Map<DhtKey, NodeRecord> providers, long nowSeconds) {
        for (Iterator<NodeRecord> it = providers.values().iterator(); it.hasNext(); ) {
            if (it.next().expirySeconds() <= nowSeconds) {
                it.remove();
                entries--;
            }
        }
    }

    /** Provider entries held. */
    int size() {
        return entries;
    }
}
