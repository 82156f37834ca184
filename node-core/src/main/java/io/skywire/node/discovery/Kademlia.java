package io.skywire.node.discovery;

import io.skywire.node.discovery.PendingQueries.Pending;
import io.skywire.node.engine.EntropySource;
import io.skywire.node.identity.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's Kademlia DHT as a sans-I/O state machine, like the forwarding engine: inputs are
 * {@link #handleMessage}, {@link #handleTimeout} and the application's calls; outputs are pulled with
 * {@link #pollOutgoing} and {@link #pollEvent}. It reads no clock and opens no socket. {@code now} is in
 * nanoseconds since the Unix epoch (records carry absolute expiry times), so the runtime passes a monotonic clock
 * anchored to the wall clock at start, and the simulator its virtual time.
 *
 * <p>Answers must match an outstanding query to that address and key by a random transaction id; anything else
 * is dropped and counted, and contacts that answer with garbage or forged records are dropped from the table.
 */
public final class Kademlia {

    private static final long SECOND = 1_000_000_000L;

    private final DhtConfig config;
    private final SelfRecord selfRecord;
    private final byte[] selfKey;
    private final DhtKey selfId;
    private final EntropySource entropy;
    private final RoutingTable table;
    private final EnumCounters<DhtCounter> counters = new EnumCounters<>(DhtCounter.class);
    private final DhtResponder responder;
    private final PendingQueries pending;
    private final Map<Integer, Lookup> lookups = new LinkedHashMap<>();
    private final Map<Integer, LookupHandle> handles = new HashMap<>();
    private final Set<DhtKey> announced = new LinkedHashSet<>();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
    private final ArrayDeque<LookupResult> events = new ArrayDeque<>();
    private final long maintenanceIntervalNanos;
    private long nextMaintenance;
    private long nextRepublish = Long.MAX_VALUE;
    private long nextJoinRetry = Long.MAX_VALUE;
    private long joinRetryDelay;
    private int nextLookupId = 1;

    /**
     * @param config     parameters
     * @param selfRecord this node's record, re-signed as it ages
     * @param entropy    transaction ids and refresh targets (seeded in the simulator)
     * @param now        the current time, nanoseconds since the Unix epoch
     */
    public Kademlia(DhtConfig config, SelfRecord selfRecord, EntropySource entropy, long now) {
        this.config = config;
        this.selfRecord = selfRecord;
        this.selfKey = selfRecord.current(now / SECOND).nodeKey().key();
        this.selfId = DhtKey.ofNodeKey(selfKey);
        this.entropy = entropy;
        this.pending = new PendingQueries(entropy);
        this.table = new RoutingTable(selfId, config.k(), config.replacementCacheSize(), config.maxFailures());
        this.responder = new DhtResponder(config, selfRecord, selfKey, table, counters);
        this.maintenanceIntervalNanos = Math.min(config.refreshIntervalNanos(), config.republishIntervalNanos()) / 6;
        this.nextMaintenance = now + maintenanceIntervalNanos;
    }

    /** This node's DHT id. */
    public DhtKey id() {
        return selfId;
    }

    /** The record this node publishes now (re-signed as it ages). */
    public NodeRecord selfRecord(long now) {
        return selfRecord.current(now / SECOND);
    }

    /** Adds a contact learned outside the DHT (bootstrap list, LAN, peer exchange); it is dropped if it stays silent. */
    public void addContact(long now, Contact contact) {
        if (!contact.id().equals(selfId)) {
            Contact toPing = table.seen(contact, now, false);
            if (toPing != null) {
                sendQuery(now, toPing, new DhtMessage.Ping(0, selfKey), null, null);
            }
        }
    }

    /** Joins the network: a lookup of this node's own id through the contacts added, then its record is stored. */
    public LookupHandle bootstrap(long now) {
        return start(now, selfId, Lookup.Kind.NODES, Lookup.Purpose.JOIN, true);
    }

    /**
     * Stores this node's current record at the k closest nodes now rather than at the next republish: after the
     * record changed (new neighbours, a new offer), so lookups find the new version.
     */
    public void republishRecord(long now) {
        start(now, selfId, Lookup.Kind.NODES, Lookup.Purpose.PUBLISH_RECORD, false);
    }

    /** The k closest nodes to {@code target}. */
    public LookupHandle startLookup(long now, DhtKey target) {
        return start(now, target, Lookup.Kind.NODES, Lookup.Purpose.USER, true);
    }

    /** Finds the current record of the node with this key. */
    public LookupHandle lookupRecord(long now, NodeId nodeKey) {
        return lookupRecord(now, DhtKey.ofNodeKey(nodeKey.key()));
    }

    /** Finds the record stored under {@code recordKey} (SHA-256 of a node key). */
    public LookupHandle lookupRecord(long now, DhtKey recordKey) {
        return start(now, recordKey, Lookup.Kind.RECORD, Lookup.Purpose.USER, true);
    }

    /** Finds providers of the service keyed {@code serviceKey} (see {@link DhtKey#ofService}). */
    public LookupHandle findProviders(long now, DhtKey serviceKey) {
        return start(now, serviceKey, Lookup.Kind.PROVIDERS, Lookup.Purpose.USER, true);
    }

    /** Announces this node as a provider of {@code serviceKey}, now and at every republish, until stopped. */
    public LookupHandle announceProvider(long now, DhtKey serviceKey) {
        announced.add(serviceKey);
        return start(now, serviceKey, Lookup.Kind.NODES, Lookup.Purpose.ANNOUNCE, true);
    }

    /** Stops re-announcing {@code serviceKey}; held announcements expire with this node's record. */
    public void stopAnnouncing(DhtKey serviceKey) {
        announced.remove(serviceKey);
    }

    /** Feeds one received datagram's DHT message from {@code from}. Never throws for bad input. */
    public void handleMessage(long now, TransportAddress from, byte[] bytes) {
        counters.increment(DhtCounter.MESSAGES_RECEIVED);
        DhtMessage message;
        try {
            message = DhtCodec.decode(bytes);
        } catch (DhtMessageException e) {
            counters.increment(DhtCounter.MALFORMED);
            // Charged only while a query to that address is outstanding, so spoofed garbage cannot evict
            // contacts at will; the query itself still waits for a valid answer or its timeout.
            DhtKey known = table.idAt(from);
            if (known != null && pending.awaitsAnswerFrom(from) && table.failed(known)) {
                counters.increment(DhtCounter.CONTACTS_DROPPED);
            }
            return;
        }
        DhtKey senderId = DhtKey.ofNodeKey(message.senderKey());
        if (senderId.equals(selfId)) {
            counters.increment(DhtCounter.SPOOFED_SELF);
            return;
        }
        if (message.isQuery()) {
            DhtMessage answer = responder.answer(now, from, senderId, message);
            if (answer != null) {
                send(from, answer);
                Contact toPing = table.seen(new Contact(senderId, message.senderKey(), from), now, false);
                if (toPing != null) {
                    sendQuery(now, toPing, new DhtMessage.Ping(0, selfKey), null, null);
                }
            }
            return;
        }
        Pending query = pending.match(from, message);
        if (query == null) {
            counters.increment(DhtCounter.UNSOLICITED_ANSWER);
            return;
        }
        if (!PendingQueries.answers(query.query(), message)) {
            counters.increment(DhtCounter.WRONG_ANSWER);
            drop(query.to().id());
            finishQuery(now, query, false);
            return;
        }
        Contact toPing = table.seen(query.to(), now, true);
        if (toPing != null) {
            sendQuery(now, toPing, new DhtMessage.Ping(0, selfKey), null, null);
        }
        if (query.lookup() != null) {
            onLookupAnswer(now, query, message);
        }
    }

    /** Expires unanswered queries and runs refresh and republication when due. */
    public void handleTimeout(long now) {
        Pending query;
        while ((query = pending.pollExpired(now)) != null) {
            counters.increment(DhtCounter.QUERIES_TIMED_OUT);
            if (table.failed(query.to().id())) {
                counters.increment(DhtCounter.CONTACTS_DROPPED);
            }
            finishQuery(now, query, false);
        }
        if (now >= nextJoinRetry) {
            nextJoinRetry = Long.MAX_VALUE;
            start(now, selfId, Lookup.Kind.NODES, Lookup.Purpose.JOIN, false);
        }
        if (now >= nextMaintenance) {
            nextMaintenance = now + maintenanceIntervalNanos;
            maintain(now);
        }
    }

    /** When {@link #handleTimeout} should next be called. */
    public long nextTimeout() {
        return Math.min(Math.min(nextMaintenance, nextJoinRetry), pending.nextDeadline());
    }

    /** The next message to send, or null. */
    public Outgoing pollOutgoing() {
        return outgoing.poll();
    }

    /** The next finished lookup, or null. */
    public LookupResult pollEvent() {
        return events.poll();
    }

    /** Counts of traffic and refusals. */
    public EnumCounters<DhtCounter> counters() {
        return counters;
    }

    /** Refusals of records offered to this node's record store, by reason. */
    public EnumCounters<RecordRefusal> recordRefusals() {
        return responder.records().refusals();
    }

    /** Contacts in the routing table. */
    public List<Contact> contacts() {
        return table.all();
    }

    /** Node records held for others. */
    public int storedRecords() {
        return responder.records().size();
    }

    /** Provider entries held for others. */
    public int storedProviders() {
        return responder.providers().size();
    }

    /** Lookups still running. */
    public int activeLookups() {
        return lookups.size();
    }

    private LookupHandle start(long now, DhtKey target, Lookup.Kind kind, Lookup.Purpose purpose, boolean report) {
        int id = nextLookupId++;
        Lookup lookup = new Lookup(id, target, kind, purpose, now, selfId, config.k());
        LookupHandle handle = new LookupHandle(id);
        if (report) {
            handles.put(id, handle);
        }
        if (purpose == Lookup.Purpose.USER) {
            counters.increment(DhtCounter.LOOKUPS_STARTED);
        }
        table.touch(target, now);
        List<NodeRecord> local = localValues(kind, target, now / SECOND);
        for (NodeRecord record : local) {
            lookup.addFound(record, 0);
        }
        lookups.put(id, lookup);
        if (kind == Lookup.Kind.RECORD && !local.isEmpty()) {
            lookup.valueComplete = true;
        } else {
            for (Contact contact : table.closest(target, config.k())) {
                lookup.add(contact, 1);
            }
        }
        advance(now, lookup);
        return handle;
    }

    private List<NodeRecord> localValues(Lookup.Kind kind, DhtKey target, long nowSeconds) {
        if (kind == Lookup.Kind.RECORD) {
            if (target.equals(selfId)) {
                return List.of(selfRecord.current(nowSeconds));
            }
            return responder.records().get(target, nowSeconds).map(List::of).orElse(List.of());
        }
        if (kind == Lookup.Kind.PROVIDERS) {
            return responder.providers().get(target, nowSeconds);
        }
        return List.of();
    }

    private void advance(long now, Lookup lookup) {
        if (!lookups.containsKey(lookup.id)) {
            return;
        }
        boolean budgetLeft = lookup.queries < config.maxQueriesPerLookup();
        if (!lookup.valueComplete && budgetLeft) {
            int room = config.maxPendingQueries() - pending.size();
            int alpha = Math.min(config.alpha(), lookup.inFlight() + Math.max(room, 0));
            if (room <= 0 && lookup.inFlight() == 0) {
                counters.increment(DhtCounter.PENDING_FULL);
                return; // resumed when a query of another lookup ends
            }
            for (Lookup.Candidate candidate : lookup.next(alpha)) {
                DhtMessage query = lookup.kind == Lookup.Kind.NODES
                        ? new DhtMessage.FindNode(0, selfKey, lookup.target)
                        : new DhtMessage.FindValue(0, selfKey, lookup.kind == Lookup.Kind.RECORD
                                ? DhtMessage.ValueKind.NODE_RECORD : DhtMessage.ValueKind.PROVIDERS, lookup.target);
                sendQuery(now, candidate.contact, query, lookup, candidate);
            }
        }
        if (lookup.inFlight() == 0 && (lookup.valueComplete || !budgetLeft || lookup.converged())) {
            finish(now, lookup);
        }
    }

    private void onLookupAnswer(long now, Pending query, DhtMessage answer) {
        Lookup lookup = query.lookup();
        Lookup.Candidate candidate = query.candidate();
        if (answer instanceof DhtMessage.Nodes nodes) {
            for (Contact contact : nodes.contacts()) {
                lookup.add(contact, candidate.hop + 1);
            }
            lookup.finished(candidate, true);
        } else if (answer instanceof DhtMessage.Value value) {
            if (acceptValues(now, lookup, value, candidate.hop)) {
                lookup.finished(candidate, true);
            } else {
                counters.increment(DhtCounter.BAD_RECORD);
                drop(query.to().id());
                lookup.finished(candidate, false);
            }
        }
        advance(now, lookup);
    }

    /** Verifies every record of a VALUE answer; false (and nothing taken) if any is forged or misplaced. */
    private boolean acceptValues(long now, Lookup lookup, DhtMessage.Value value, int hop) {
        long nowSeconds = now / SECOND;
        List<NodeRecord> valid = new ArrayList<>(value.records().size());
        for (NodeRecord record : value.records()) {
            if (lookup.kind == Lookup.Kind.RECORD && !record.dhtKey().equals(lookup.target)) {
                return false;
            }
            try {
                config.recordPolicy().check(record, nowSeconds);
            } catch (RecordException e) {
                return false;
            }
            valid.add(record);
        }
        for (NodeRecord record : valid) {
            lookup.addFound(record, hop);
        }
        int wanted = lookup.kind == Lookup.Kind.RECORD ? 1 : config.providersWanted();
        lookup.valueComplete = lookup.foundCount() >= wanted;
        return true;
    }

    private void finishQuery(long now, Pending query, boolean answered) {
        if (query.lookup() != null) {
            query.lookup().finished(query.candidate(), answered);
            advance(now, query.lookup());
        }
        if (pending.size() < config.maxPendingQueries()) {
            for (Lookup waiting : new ArrayList<>(lookups.values())) {
                if (waiting.inFlight() == 0 && waiting != query.lookup()) {
                    advance(now, waiting);
                }
            }
        }
    }

    private void finish(long now, Lookup lookup) {
        lookups.remove(lookup.id);
        List<Contact> closest = lookup.closestResponded();
        long nowSeconds = now / SECOND;
        switch (lookup.purpose) {
            case JOIN, PUBLISH_RECORD -> storeAt(now, closest, DhtMessage.ValueKind.NODE_RECORD, selfId,
                    selfRecord.current(nowSeconds));
            case ANNOUNCE -> storeAt(now, closest, DhtMessage.ValueKind.PROVIDERS, lookup.target,
                    selfRecord.current(nowSeconds));
            default -> { }
        }
        if (lookup.purpose == Lookup.Purpose.JOIN) {
            scheduleJoin(now, lookup.responses > 0);
        }
        boolean found = lookup.foundCount() > 0;
        if (lookup.purpose == Lookup.Purpose.USER && lookup.kind != Lookup.Kind.NODES) {
            counters.increment(found ? DhtCounter.LOOKUPS_FOUND : DhtCounter.LOOKUPS_NOT_FOUND);
        }
        LookupHandle handle = handles.remove(lookup.id);
        if (handle != null) {
            int hops = found ? lookup.foundHops : lookup.maxRespondedHop();
            events.add(new LookupResult(handle, lookup.target, lookup.found(), closest, hops, lookup.queries,
                    lookup.responses, now - lookup.startedNanos));
        }
    }

    /**
     * After a join: on success, the first republication; when nobody answered (the bootstrap contacts were down or
     * the datagrams lost), another attempt, 5 s later and doubling to at most the refresh interval.
     */
    private void scheduleJoin(long now, boolean joined) {
        if (joined) {
            joinRetryDelay = 0;
            if (nextRepublish == Long.MAX_VALUE) {
                nextRepublish = now + config.republishIntervalNanos();
            }
            return;
        }
        joinRetryDelay = joinRetryDelay == 0 ? 5 * SECOND
                : Math.min(joinRetryDelay * 2, config.refreshIntervalNanos());
        nextJoinRetry = now + joinRetryDelay;
    }

    private void storeAt(long now, List<Contact> targets, DhtMessage.ValueKind kind, DhtKey key, NodeRecord record) {
        for (Contact contact : targets) {
            sendQuery(now, contact, new DhtMessage.Store(0, selfKey, kind, key, record), null, null);
        }
    }

    private void maintain(long now) {
        long nowSeconds = now / SECOND;
        responder.evictExpired(nowSeconds);
        for (int index : table.idleBuckets(now - config.refreshIntervalNanos())) {
            byte[] random = new byte[DhtKey.BYTES];
            entropy.nextBytes(random);
            start(now, selfId.randomInBucket(index, random), Lookup.Kind.NODES, Lookup.Purpose.REFRESH, false);
        }
        if (now >= nextRepublish) {
            nextRepublish = now + config.republishIntervalNanos();
            start(now, selfId, Lookup.Kind.NODES, Lookup.Purpose.PUBLISH_RECORD, false);
            for (DhtKey service : announced) {
                start(now, service, Lookup.Kind.NODES, Lookup.Purpose.ANNOUNCE, false);
            }
        }
    }

    private void sendQuery(long now, Contact to, DhtMessage query, Lookup lookup, Lookup.Candidate candidate) {
        Pending entry = pending.add(to, query, lookup, candidate, now + config.queryTimeoutNanos());
        counters.increment(DhtCounter.QUERIES_SENT);
        send(to.address(), entry.query());
    }

    private void send(TransportAddress to, DhtMessage message) {
        counters.increment(DhtCounter.MESSAGES_SENT);
        outgoing.add(new Outgoing(to, DhtCodec.encode(message)));
    }

    private void drop(DhtKey id) {
        if (table.remove(id)) {
            counters.increment(DhtCounter.CONTACTS_DROPPED);
        }
    }
}
