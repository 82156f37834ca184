package io.skywire.node.discovery;

import java.util.Objects;

/**
 * Parameters of one node's DHT; {@link #defaults()} are Kademlia's usual values (k = 20, alpha = 3, hourly
 * refresh) with limits sized for a desktop node.
 *
 * @param k                       bucket size, contacts per answer, and how many nodes a value is stored at
 * @param alpha                   queries in flight per lookup
 * @param queryTimeoutNanos       how long to wait for an answer
 * @param refreshIntervalNanos    a bucket without lookups or answers for this long is refreshed
 * @param republishIntervalNanos  how often this node stores its record and announcements again
 * @param replacementCacheSize    newcomers remembered per full bucket
 * @param maxFailures             unanswered queries in a row before a contact is dropped (without a replacement)
 * @param maxQueriesPerLookup     hard cap on queries of one lookup
 * @param maxPendingQueries       queries awaiting an answer at once; lookups wait beyond it
 * @param providersWanted         a provider lookup stops once it has this many
 * @param maxStoredRecords        node records held for others
 * @param maxProvidersPerKey      providers held per service key
 * @param maxProviderEntries      providers held in total
 * @param queriesPerSecond        sustained queries accepted from one address
 * @param queryBurst              burst of queries accepted from one address
 * @param storesPerSecond         sustained STOREs accepted from one address
 * @param storeBurst              burst of STOREs accepted from one address
 * @param globalQueriesPerSecond  queries accepted from everyone together
 * @param recordPolicy            what records must satisfy
 */
public record DhtConfig(int k, int alpha, long queryTimeoutNanos, long refreshIntervalNanos,
                        long republishIntervalNanos, int replacementCacheSize, int maxFailures,
                        int maxQueriesPerLookup, int maxPendingQueries, int providersWanted, int maxStoredRecords,
                        int maxProvidersPerKey, int maxProviderEntries, double queriesPerSecond, int queryBurst,
                        double storesPerSecond, int storeBurst, double globalQueriesPerSecond,
                        RecordPolicy recordPolicy) {

    private static final long SECOND = 1_000_000_000L;

    public DhtConfig {
        Objects.requireNonNull(recordPolicy, "recordPolicy");
        if (k < 1 || k > DhtCodec.MAX_CONTACTS) {
            throw new IllegalArgumentException("k must be 1.." + DhtCodec.MAX_CONTACTS);
        }
        if (alpha < 1 || queryTimeoutNanos <= 0 || refreshIntervalNanos <= 0 || republishIntervalNanos <= 0
                || maxFailures < 1 || maxQueriesPerLookup < alpha || maxPendingQueries < alpha
                || providersWanted < 1 || maxStoredRecords < 1 || maxProvidersPerKey < 1 || maxProviderEntries < 1
                || queriesPerSecond <= 0 || queryBurst < 1 || storesPerSecond <= 0 || storeBurst < 1
                || globalQueriesPerSecond <= 0 || replacementCacheSize < 0) {
            throw new IllegalArgumentException("DHT parameters must be positive (alpha <= query limits)");
        }
    }

    /** k = 20, alpha = 3, 2 s timeout, hourly refresh and republication, records for the internet. */
    public static DhtConfig defaults() {
        return new DhtConfig(20, 3, 2 * SECOND, 3600 * SECOND, 3600 * SECOND, 10, 3, 100, 256, 8, 10_000, 32,
                4_096, 20, 60, 2, 10, 2_000, RecordPolicy.internet());
    }

    /** The same with another record policy (loopback allowed for a test network). */
    public DhtConfig withRecordPolicy(RecordPolicy policy) {
        return new DhtConfig(k, alpha, queryTimeoutNanos, refreshIntervalNanos, republishIntervalNanos,
                replacementCacheSize, maxFailures, maxQueriesPerLookup, maxPendingQueries, providersWanted,
                maxStoredRecords, maxProvidersPerKey, maxProviderEntries, queriesPerSecond, queryBurst,
                storesPerSecond, storeBurst, globalQueriesPerSecond, policy);
    }

    /** The same with another query timeout. */
    public DhtConfig withQueryTimeoutNanos(long nanos) {
        return new DhtConfig(k, alpha, nanos, refreshIntervalNanos, republishIntervalNanos, replacementCacheSize,
                maxFailures, maxQueriesPerLookup, maxPendingQueries, providersWanted, maxStoredRecords,
                maxProvidersPerKey, maxProviderEntries, queriesPerSecond, queryBurst, storesPerSecond, storeBurst,
                globalQueriesPerSecond, recordPolicy);
    }

    /** The same with another query rate limit per address. */
    public DhtConfig withQueryLimit(double perSecond, int burst) {
        return new DhtConfig(k, alpha, queryTimeoutNanos, refreshIntervalNanos, republishIntervalNanos,
                replacementCacheSize, maxFailures, maxQueriesPerLookup, maxPendingQueries, providersWanted,
                maxStoredRecords, maxProvidersPerKey, maxProviderEntries, perSecond, burst, storesPerSecond,
                storeBurst, globalQueriesPerSecond, recordPolicy);
    }
}
