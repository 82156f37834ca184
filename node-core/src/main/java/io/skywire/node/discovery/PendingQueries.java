package io.skywire.node.discovery;

import io.skywire.node.engine.EntropySource;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The queries a node has sent and not yet seen answered, by random transaction id, with their deadlines. An
 * answer is matched only when its id, its source address and its sender key all fit one outstanding query, so a
 * third party who cannot see the query cannot answer it.
 */
final class PendingQueries {

    /** A query awaiting its answer; {@code lookup} and {@code candidate} are null outside lookups. */
    record Pending(long txid, Contact to, DhtMessage query, Lookup lookup, Lookup.Candidate candidate,
                   long deadline) {
    }

    private final EntropySource entropy;
    private final Map<Long, Pending> byId = new HashMap<>();
    private final PriorityQueue<Pending> deadlines =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadline(), b.deadline()));

    PendingQueries(EntropySource entropy) {
        this.entropy = entropy;
    }

    /** Registers {@code query} to {@code to} under a fresh random transaction id; returns the query with that id. */
    Pending add(Contact to, DhtMessage query, Lookup lookup, Lookup.Candidate candidate, long deadline) {
        long txid = newTransactionId();
        Pending entry = new Pending(txid, to, withTransactionId(query, txid), lookup, candidate, deadline);
        byId.put(txid, entry);
        deadlines.add(entry);
        return entry;
    }

    /** Removes and returns the query {@code answer} answers, or null when none fits (id, address and key). */
    Pending match(TransportAddress from, DhtMessage answer) {
        Pending query = byId.get(answer.transactionId());
        if (query == null || !query.to().address().equals(from)
                || !Arrays.equals(query.to().nodeKeyView(), answer.senderKey())) {
            return null;
        }
        byId.remove(query.txid());
        return query;
    }

    /** Removes and returns the next query whose deadline is at or before {@code now}, or null. */
    Pending pollExpired(long now) {
        while (!deadlines.isEmpty() && deadlines.peek().deadline() <= now) {
            Pending query = deadlines.poll();
            if (byId.get(query.txid()) == query) {
                byId.remove(query.txid());
                return query;
            }
        }
        return null;
    }

    /** The earliest deadline (possibly of a query already answered: a spurious wake-up costs nothing), or MAX. */
    long nextDeadline() {
        Pending first = deadlines.peek();
        return first == null ? Long.MAX_VALUE : first.deadline();
    }

    /** True when a query to {@code address} is outstanding. */
    boolean awaitsAnswerFrom(TransportAddress address) {
        for (Pending query : byId.values()) {
            if (query.to().address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return byId.size();
    }

    private long newTransactionId() {
        byte[] bytes = new byte[Long.BYTES];
        long txid;
        do {
            entropy.nextBytes(bytes);
            txid = ByteBuffer.wrap(bytes).getLong();
        } while (byId.containsKey(txid));
        return txid;
    }

    private static DhtMessage withTransactionId(DhtMessage query, long txid) {
        if (query instanceof DhtMessage.FindNode find) {
            return new DhtMessage.FindNode(txid, find.senderKey(), find.target());
        }
        if (query instanceof DhtMessage.FindValue find) {
            return new DhtMessage.FindValue(txid, find.senderKey(), find.kind(), find.target());
        }
        if (query instanceof DhtMessage.Store store) {
            return new DhtMessage.Store(txid, store.senderKey(), store.kind(), store.key(), store.record());
        }
        return new DhtMessage.Ping(txid, query.senderKey());
    }

    /** True when {@code answer} is a valid kind of answer to {@code query}. */
    static boolean answers(DhtMessage query, DhtMessage answer) {
        if (query instanceof DhtMessage.Ping) {
            return answer instanceof DhtMessage.Pong;
        }
        if (query instanceof DhtMessage.FindNode) {
            return answer instanceof DhtMessage.Nodes;
        }
        if (query instanceof DhtMessage.FindValue find) {
            return answer instanceof DhtMessage.Nodes
                    || (answer instanceof DhtMessage.Value value && value.kind() == find.kind());
        }
        return answer instanceof DhtMessage.Stored;
    }
}
