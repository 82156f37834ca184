package io.skywire.node.discovery;

import io.skywire.node.limit.SourceLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The serving half of a DHT node: answers PING, FIND_NODE, FIND_VALUE and STORE from its routing table and its
 * stores, after the per-address rate limits. Every refusal is counted; nothing a peer sends makes it throw.
 */
final class DhtResponder {

    private static final int MAX_RATE_SOURCES = 4_096;

    private final DhtConfig config;
    private final DhtKey selfId;
    private final byte[] selfKey;
    private final SelfRecord selfRecord;
    private final RoutingTable table;
    private final EnumCounters<DhtCounter> counters;
    private final RecordStore records;
    private final ProviderStore providers;
    private final SourceLimiter<TransportAddress> queryLimiter;
    private final SourceLimiter<TransportAddress> storeLimiter;

    DhtResponder(DhtConfig config, SelfRecord selfRecord, byte[] selfKey, RoutingTable table,
                 EnumCounters<DhtCounter> counters) {
        this.config = config;
        this.selfRecord = selfRecord;
        this.selfKey = selfKey;
        this.selfId = DhtKey.ofNodeKey(selfKey);
        this.table = table;
        this.counters = counters;
        this.records = new RecordStore(config.recordPolicy(), config.maxStoredRecords());
        this.providers = new ProviderStore(config.recordPolicy(), config.maxProvidersPerKey(),
                config.maxProviderEntries());
        // The global burst is one second of the global rate; stores get a tenth of it (at least one at once).
        this.queryLimiter = new SourceLimiter<>(config.queriesPerSecond(), config.queryBurst(),
                config.globalQueriesPerSecond(), Math.max(1, config.globalQueriesPerSecond()), MAX_RATE_SOURCES);
        double globalStores = config.globalQueriesPerSecond() / 10;
        this.storeLimiter = new SourceLimiter<>(config.storesPerSecond(), config.storeBurst(), globalStores,
                Math.max(1, globalStores), MAX_RATE_SOURCES);
    }

    /** The answer to {@code query} from {@code from}, or null when it is dropped (over a rate limit). */
    DhtMessage answer(long now, TransportAddress from, DhtKey senderId, DhtMessage query) {
        long nowSeconds = now / 1_000_000_000L;
        boolean isStore = query instanceof DhtMessage.Store;
        if (!(isStore ? storeLimiter : queryLimiter).allow(from, now)) {
            counters.increment(DhtCounter.RATE_LIMITED);
            return null;
        }
        long txid = query.transactionId();
        if (query instanceof DhtMessage.Ping) {
            return new DhtMessage.Pong(txid, selfKey);
        }
        if (query instanceof DhtMessage.FindNode find) {
            return nodes(txid, find.target(), senderId);
        }
        if (query instanceof DhtMessage.FindValue find) {
            List<NodeRecord> values = values(find.kind(), find.target(), nowSeconds);
            return values.isEmpty() ? nodes(txid, find.target(), senderId)
                    : new DhtMessage.Value(txid, selfKey, find.kind(), DhtCodec.fitRecords(values));
        }
        DhtMessage.Store store = (DhtMessage.Store) query;
        return new DhtMessage.Stored(txid, selfKey, store(store, nowSeconds));
    }

    /** Node records held for others. */
    RecordStore records() {
        return records;
    }

    ProviderStore providers() {
        return providers;
    }

    void evictExpired(long nowSeconds) {
        records.evictExpired(nowSeconds);
        providers.evictExpired(nowSeconds);
    }

    private DhtMessage.Nodes nodes(long txid, DhtKey target, DhtKey requester) {
        List<Contact> closest = new ArrayList<>(table.closest(target, config.k() + 1));
        closest.removeIf(c -> c.id().equals(requester));
        if (closest.size() > config.k()) {
            closest = closest.subList(0, config.k());
        }
        return new DhtMessage.Nodes(txid, selfKey, closest);
    }

    private List<NodeRecord> values(DhtMessage.ValueKind kind, DhtKey target, long nowSeconds) {
        if (kind == DhtMessage.ValueKind.PROVIDERS) {
            return providers.get(target, nowSeconds);
        }
        if (target.equals(selfId)) {
            return List.of(selfRecord.current(nowSeconds));
        }
        return records.get(target, nowSeconds).map(List::of).orElse(List.of());
    }

    private boolean store(DhtMessage.Store store, long nowSeconds) {
        NodeRecord record = store.record();
        Optional<RecordRefusal> refusal;
        if (store.kind() == DhtMessage.ValueKind.NODE_RECORD) {
            if (!record.dhtKey().equals(store.key())) {
                counters.increment(DhtCounter.BAD_RECORD);
                return false;
            }
            if (records.get(store.key(), nowSeconds).filter(record::equals).isPresent()) {
                return true; // a republication of what is held
            }
            refusal = records.put(record, nowSeconds);
        } else {
            refusal = providers.put(store.key(), record, nowSeconds);
        }
        if (refusal.isEmpty()) {
            return true;
        }
        RecordRefusal reason = refusal.get();
        boolean honestMiss = reason == RecordRefusal.OLD_SEQUENCE || reason == RecordRefusal.STORE_FULL;
        counters.increment(honestMiss ? DhtCounter.STORE_REFUSED : DhtCounter.BAD_RECORD);
        return false;
    }
}
