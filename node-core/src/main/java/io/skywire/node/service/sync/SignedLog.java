package io.skywire.node.service.sync;

import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entries of one key's log a node holds, from the first without gaps: an append-only hash chain in which
 * every entry is checked (signature by the log key, sequence, previous hash) before it is kept. Sans-I/O.
 */
public final class SignedLog {

    /** What offering an entry did. */
    public enum Outcome {
        /** Verified and appended. */
        APPENDED,
        /** Already held, the same bytes. */
        DUPLICATE,
        /** Beyond the head: entries between are missing. */
        GAP,
        /** Not signed by the log's key, or for another log. */
        FORGED,
        /** Signed by the log's key, but another entry than the one held at its sequence. */
        FORKED,
        /** Signed, next in sequence, but its previous hash is not the head's. */
        BROKEN_CHAIN
    }

    private final NodeId key;
    private final List<LogEntry> entries = new ArrayList<>();
    private final int maxEntries;

    /** @param maxEntries entries kept at most; an append beyond is refused (GAP never happens below it) */
    public SignedLog(NodeId key, int maxEntries) {
        this.key = key;
        this.maxEntries = maxEntries;
    }

    public NodeId key() {
        return key;
    }

    /** The sequence of the last entry held; 0 when empty. */
    public long headSequence() {
        return entries.size();
    }

    /** The hash of the last entry; 32 zero bytes when empty. */
    public byte[] headHash() {
        return entries.isEmpty() ? LogEntry.NO_HASH.clone() : entries.get(entries.size() - 1).hash();
    }

    public LogEntry head() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    /** The entry at {@code sequence}, or null. */
    public LogEntry at(long sequence) {
        return sequence >= 1 && sequence <= entries.size() ? entries.get((int) sequence - 1) : null;
    }

    /** Up to {@code count} entries from {@code from}. */
    public List<LogEntry> range(long from, int count) {
        List<LogEntry> out = new ArrayList<>();
        for (long s = Math.max(1, from); s <= entries.size() && out.size() < count; s++) {
            out.add(entries.get((int) s - 1));
        }
        return out;
    }

    public List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    /** Checks {@code entry} against the chain and keeps it if it is the next one. */
    public Outcome offer(LogEntry entry) {
        if (!entry.key().equals(key) || !entry.signatureValid()) {
            return Outcome.FORGED;
        }
        long sequence = entry.sequence();
        if (sequence <= entries.size()) {
            return entries.get((int) sequence - 1).sameAs(entry) ? Outcome.DUPLICATE : Outcome.FORKED;
        }
        if (sequence > entries.size() + 1 || entries.size() >= maxEntries) {
            return Outcome.GAP;
        }
        if (!Arrays.equals(entry.previous(), headHash())) {
            return Outcome.BROKEN_CHAIN;
        }
        entries.add(entry);
        return Outcome.APPENDED;
    }
}
