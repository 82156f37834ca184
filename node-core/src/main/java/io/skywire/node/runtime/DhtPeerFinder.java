package io.skywire.node.runtime;

import io.skywire.node.discovery.Contact;
import io.skywire.node.discovery.DhtConfig;
import io.skywire.node.discovery.DhtCounter;
import io.skywire.node.discovery.Kademlia;
import io.skywire.node.discovery.LookupHandle;
import io.skywire.node.discovery.LookupResult;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.Outgoing;
import io.skywire.node.discovery.RecordRefusal;
import io.skywire.node.discovery.SelfRecord;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.engine.EntropySource;
import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Drives the node's {@link Kademlia} on the event loop: its clock is nanoseconds since the Unix epoch (records
 * carry absolute expiry), so a monotonic reading is anchored to the wall clock once at start and never jumps; every
 * node learned outside the DHT (bootstrap, LAN, peer exchange) becomes a contact, and the first contact starts the
 * join lookup. Nodes a lookup names, and contacts in the routing table (nodes that queried this one, too), whose
 * records this node lacks are looked up in turn (at most {@link #MAX_RECORD_LOOKUPS} at once, each node again
 * after {@link #ASK_AGAIN_NANOS} at the earliest), so the directory fills with nodes beyond the neighbours'
 * neighbours. Records already held are looked up again at the same pace, so a newer version (a node's changed
 * neighbours or offer) reaches nodes that are not its neighbours.
 */
final class DhtPeerFinder {

    static final int MAX_RECORD_LOOKUPS = 8;
    /** Nodes remembered as already looked up; forgotten together beyond this, so they may be asked again. */
    private static final int MAX_ASKED = 4_096;
    static final long ASK_AGAIN_NANOS = 60_000_000_000L;
    static final long SWEEP_NANOS = 5_000_000_000L;
    /** Soonest a record asked for by {@link #refresh} is looked up again. */
    static final long REFRESH_NANOS = 5_000_000_000L;

    private final Kademlia dht;
    private final long epochOffsetNanos;
    private final Set<LookupHandle> recordLookups = new HashSet<>();
    /** Provider lookups the application asked for, by handle: completed in {@link #drain}. */
    private final Map<LookupHandle, java.util.concurrent.CompletableFuture<java.util.List<io.skywire.node.discovery.NodeRecord>>>
            providerLookups = new HashMap<>();
    private final Map<NodeId, Long> asked = new HashMap<>();
    private boolean joined;
    private long nextSweep = Long.MIN_VALUE;

    DhtPeerFinder(DhtConfig config, SelfRecord self, EntropySource entropy, long monotonicNow, long wallMillis) {
        this.epochOffsetNanos = wallMillis * 1_000_000L - monotonicNow;
        this.dht = new Kademlia(config, self, entropy, epoch(monotonicNow));
    }

    private long epoch(long monotonic) {
        return monotonic + epochOffsetNanos;
    }

    /** A DHT message from {@code from}. */
    void onMessage(long now, InetSocketAddress from, byte[] message) {
        dht.handleMessage(epoch(now), TransportAddress.of(from, true), message);
    }

    /** This node's record changed: store the new version in the DHT now. */
    void republish(long now) {
        if (joined) {
            dht.republishRecord(epoch(now));
        }
    }

    /** A node learned outside the DHT, reachable over UDP at {@code address}; the first one starts the join. */
    void contact(long now, NodeRecord record, InetSocketAddress address) {
        dht.addContact(epoch(now), Contact.of(record, TransportAddress.of(address, true)));
        if (!joined) {
            joined = true;
            dht.bootstrap(epoch(now));
        }
    }

    /** Looks up the providers of {@code service}; the future completes in {@link #drain} with those found. */
    void findProviders(long now, io.skywire.node.discovery.DhtKey service,
                       java.util.concurrent.CompletableFuture<java.util.List<io.skywire.node.discovery.NodeRecord>> found) {
        providerLookups.put(dht.findProviders(epoch(now), service), found);
    }

    /** Stores this node as a provider of {@code service} now, and again at every republication. */
    void announceProvider(long now, io.skywire.node.discovery.DhtKey service) {
        dht.announceProvider(epoch(now), service);
    }

    /** Stops announcing {@code service}. */
    void stopAnnouncing(io.skywire.node.discovery.DhtKey service) {
        dht.stopAnnouncing(service);
    }

    void handleTimeout(long now) {
        dht.handleTimeout(epoch(now));
    }

    /** When {@link #handleTimeout} has work next, on the monotonic clock. */
    long nextTimeout() {
        long next = dht.nextTimeout();
        return next == Long.MAX_VALUE ? next : next - epochOffsetNanos;
    }

    /**
     * Sends what the DHT has to send and hands on what lookups found; nodes named by a lookup that {@code known}
     * does not hold are looked up by key.
     */
    void drain(long now, BiConsumer<InetSocketAddress, byte[]> send, Consumer<NodeRecord> found,
               Predicate<NodeId> known) {
        boolean more = true;
        while (more) {
            Outgoing out;
            while ((out = dht.pollOutgoing()) != null) {
                send.accept(out.to().toInetSocketAddress(), out.bytes());
            }
            more = false;
            LookupResult result;
            while ((result = dht.pollEvent()) != null) {
                more = true;
                recordLookups.remove(result.handle());
                var providers = providerLookups.remove(result.handle());
                if (providers != null) {
                    providers.complete(result.records());
                }
                result.records().forEach(found);
                for (Contact contact : result.closest()) {
                    lookUpIfDue(now, contact, known);
                }
            }
        }
    }

    private void lookUpIfDue(long now, Contact contact, Predicate<NodeId> known) {
        if (recordLookups.size() >= MAX_RECORD_LOOKUPS) {
            return;
        }
        NodeId id;
        try {
            id = new NodeId(contact.nodeKey());
        } catch (IllegalArgumentException notOnTheCurve) {
            return; // a contact's key is only shape-checked; such a node has no record worth looking for
        }
        if (asked.size() >= MAX_ASKED) {
            asked.clear();
        }
        Long last = asked.get(id);
        boolean held = known.test(id);
        if (held && last == null) {
            asked.put(id, now); // held already: its record is looked up again (for a newer version) from now on
            return;
        }
        if (last == null || now - last >= ASK_AGAIN_NANOS) {
            asked.put(id, now);
            recordLookups.add(dht.lookupRecord(epoch(now), id));
        }
    }

    /**
     * Looks the record of {@code id} up again now, unless it was looked up less than {@link #REFRESH_NANOS} ago or
     * {@link #MAX_RECORD_LOOKUPS} are running: for a record the caller has reason to think stale.
     */
    void refresh(long now, NodeId id) {
        Long last = asked.get(id);
        if (recordLookups.size() < MAX_RECORD_LOOKUPS && (last == null || now - last >= REFRESH_NANOS)) {
            if (asked.size() >= MAX_ASKED) {
                asked.clear();
            }
            asked.put(id, now);
            recordLookups.add(dht.lookupRecord(epoch(now), id));
        }
    }

    /** Every {@link #SWEEP_NANOS}: looks up the records of routing-table contacts this node does not hold. */
    void sweep(long now, Predicate<NodeId> known) {
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + SWEEP_NANOS;
        for (Contact contact : dht.contacts()) {
            lookUpIfDue(now, contact, known);
        }
    }

    Map<DhtCounter, Long> counters() {
        return dht.counters().snapshot();
    }

    Map<RecordRefusal, Long> refusals() {
        return dht.recordRefusals().snapshot();
    }

    int contacts() {
        return dht.contacts().size();
    }
}
