package io.skywire.node.discovery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kademlia's k-buckets: contacts by XOR distance from this node, one bucket per shared-prefix length. A full
 * bucket keeps its old live contacts (they are the likeliest to stay) and puts a newcomer in a replacement cache;
 * the least recently seen contact is pinged and replaced only if it fails to answer. So a flood of new ids cannot
 * push out contacts that work.
 */
final class RoutingTable {

    /** A contact with what the table knows of its liveness. */
    static final class Entry {
        Contact contact;
        long lastSeenNanos;
        int failures;
        boolean pingPending;

        Entry(Contact contact, long now) {
            this.contact = contact;
            this.lastSeenNanos = now;
        }
    }

    private static final class Bucket {
        final ArrayList<Entry> entries = new ArrayList<>(); // least recently seen first
        final ArrayDeque<Contact> replacements = new ArrayDeque<>(); // newest last
        long lastTouchedNanos;

        int indexOf(DhtKey id) {
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).contact.id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final DhtKey self;
    private final int k;
    private final int replacementCacheSize;
    private final int maxFailures;
    private final Bucket[] buckets = new Bucket[DhtKey.BITS];
    private final Map<TransportAddress, DhtKey> byAddress = new HashMap<>();
    private int size;

    RoutingTable(DhtKey self, int k, int replacementCacheSize, int maxFailures) {
        this.self = self;
        this.k = k;
        this.replacementCacheSize = replacementCacheSize;
        this.maxFailures = maxFailures;
    }

    /**
     * Notes that {@code contact} sent a valid message. {@code answered} is true when it was the answer to our query
     * at that address, which proves the address; only then may a known id move to a new address.
     *
     * @return the least recently seen contact of a full bucket that should be pinged now, or null
     */
    Contact seen(Contact contact, long now, boolean answered) {
        int index = self.bucketIndex(contact.id());
        if (index < 0) {
            return null;
        }
        Bucket bucket = bucket(index, now);
        if (answered) {
            bucket.lastTouchedNanos = now;
        }
        int at = bucket.indexOf(contact.id());
        if (at >= 0) {
            Entry entry = bucket.entries.remove(at);
            if (!entry.contact.address().equals(contact.address()) && answered) {
                byAddress.remove(entry.contact.address(), entry.contact.id());
                entry.contact = contact;
                byAddress.put(contact.address(), contact.id());
            }
            entry.lastSeenNanos = now;
            entry.failures = 0;
            entry.pingPending = false;
            bucket.entries.add(entry);
            return null;
        }
        if (bucket.entries.size() < k) {
            add(bucket, contact, now);
            return null;
        }
        bucket.replacements.removeIf(c -> c.id().equals(contact.id()));
        bucket.replacements.addLast(contact);
        if (bucket.replacements.size() > replacementCacheSize) {
            bucket.replacements.removeFirst();
        }
        Entry oldest = bucket.entries.get(0);
        if (oldest.pingPending) {
            return null;
        }
        oldest.pingPending = true;
        return oldest.contact;
    }

    /**
     * Notes that {@code id} did not answer. It is dropped, and the newest replacement takes its place, once it has
     * failed {@code maxFailures} times in a row, or at once when a replacement is waiting.
     *
     * @return true when it was dropped
     */
    boolean failed(DhtKey id) {
        Bucket bucket = bucketOf(id);
        int at = bucket == null ? -1 : bucket.indexOf(id);
        if (at < 0) {
            return false;
        }
        Entry entry = bucket.entries.get(at);
        entry.failures++;
        entry.pingPending = false;
        if (entry.failures < maxFailures && bucket.replacements.isEmpty()) {
            return false;
        }
        replace(bucket, at);
        return true;
    }

    /** Drops a contact that misbehaved (garbage answers, forged records); returns true when it was held. */
    boolean remove(DhtKey id) {
        Bucket bucket = bucketOf(id);
        if (bucket == null) {
            return false;
        }
        bucket.replacements.removeIf(c -> c.id().equals(id));
        int at = bucket.indexOf(id);
        if (at < 0) {
            return false;
        }
        replace(bucket, at);
        return true;
    }

    /** The bucket {@code id} belongs in, or null when it does not exist yet (or {@code id} is this node). */
    private Bucket bucketOf(DhtKey id) {
        int index = self.bucketIndex(id);
        return index < 0 ? null : buckets[index];
    }

    /** Removes the entry at {@code at} and promotes the newest replacement, if any, in its place. */
    private void replace(Bucket bucket, int at) {
        removeAt(bucket, at);
        if (!bucket.replacements.isEmpty()) {
            add(bucket, bucket.replacements.removeLast(), Long.MIN_VALUE);
        }
    }

    /** The id of the held contact at {@code address}, or null. */
    DhtKey idAt(TransportAddress address) {
        return byAddress.get(address);
    }

    /** The held contact with this id, or null. */
    Contact find(DhtKey id) {
        Bucket bucket = bucketOf(id);
        int at = bucket == null ? -1 : bucket.indexOf(id);
        return at < 0 ? null : bucket.entries.get(at).contact;
    }

    /**
     * Up to {@code count} held contacts closest to {@code target}, closest first. With x = self XOR target and b
     * its highest set bit, the buckets are whole distance scales in this order: b; then each j below b whose bit
     * x_j is 1, from high to low; then each j below b whose x_j is 0, from low to high; then b+1, b+2 and so on.
     * So the scan takes buckets in that order and stops as soon as {@code count} contacts are chosen.
     */
    List<Contact> closest(DhtKey target, int count) {
        Selection selection = new Selection(target, count);
        int b = self.bucketIndex(target);
        DhtKey x = self.xor(target);
        if (b >= 0) {
            selection.offer(buckets[b]);
        }
        for (int j = b - 1; j >= 0 && !selection.full(); j--) {
            if (x.bit(j)) {
                selection.offer(buckets[j]);
            }
        }
        for (int j = 0; j < b && !selection.full(); j++) {
            if (!x.bit(j)) {
                selection.offer(buckets[j]);
            }
        }
        for (int j = b + 1; j < DhtKey.BITS && !selection.full(); j++) {
            selection.offer(buckets[j]);
        }
        return selection.result();
    }

    /** The nearest few of the contacts offered, by bounded insertion (most buckets hold more than are wanted). */
    private static final class Selection {
        private final DhtKey target;
        private final Contact[] best;
        private int filled;

        Selection(DhtKey target, int count) {
            this.target = target;
            this.best = new Contact[count];
        }

        boolean full() {
            return filled == best.length;
        }

        void offer(Bucket bucket) {
            if (bucket == null || best.length == 0) {
                return;
            }
            int last = best.length - 1;
            for (Entry entry : bucket.entries) {
                DhtKey id = entry.contact.id();
                if (full() && target.compareDistance(id, best[last].id()) >= 0) {
                    continue;
                }
                int at = full() ? last : filled++;
                while (at > 0 && target.compareDistance(id, best[at - 1].id()) < 0) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = entry.contact;
            }
        }

        List<Contact> result() {
            List<Contact> out = new ArrayList<>(filled);
            for (int i = 0; i < filled; i++) {
                out.add(best[i]);
            }
            return out;
        }
    }

    /** Indexes of non-empty buckets not touched (no lookup into them, no answer from them) since {@code since}. */
    List<Integer> idleBuckets(long since) {
        List<Integer> idle = new ArrayList<>();
        for (int i = 0; i < DhtKey.BITS; i++) {
            if (buckets[i] != null && !buckets[i].entries.isEmpty() && buckets[i].lastTouchedNanos <= since) {
                idle.add(i);
            }
        }
        return idle;
    }

    /** Marks the bucket {@code target} falls in as used by a lookup now. */
    void touch(DhtKey target, long now) {
        int index = self.bucketIndex(target);
        if (index >= 0) {
            bucket(index, now).lastTouchedNanos = now;
        }
    }

    /** Contacts held. */
    int size() {
        return size;
    }

    /** Every held contact, for tests and diagnostics. */
    List<Contact> all() {
        List<Contact> out = new ArrayList<>(size);
        for (Bucket bucket : buckets) {
            if (bucket != null) {
                for (Entry entry : bucket.entries) {
                    out.add(entry.contact);
                }
            }
        }
        return out;
    }

    private Bucket bucket(int index, long now) {
        Bucket bucket = buckets[index];
        if (bucket == null) {
            bucket = new Bucket();
            bucket.lastTouchedNanos = now;
            buckets[index] = bucket;
        }
        return bucket;
    }

    private void add(Bucket bucket, Contact contact, long now) {
        // A replacement promoted without a fresh message goes first in line (as least recently seen).
        Entry entry = new Entry(contact, now);
        if (now == Long.MIN_VALUE) {
            bucket.entries.add(0, entry);
        } else {
            bucket.entries.add(entry);
        }
        byAddress.put(contact.address(), contact.id());
        size++;
    }

    private void removeAt(Bucket bucket, int at) {
        Entry removed = bucket.entries.remove(at);
        byAddress.remove(removed.contact.address(), removed.contact.id());
        size--;
    }
}
