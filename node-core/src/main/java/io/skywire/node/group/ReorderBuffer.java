package io.skywire.node.group;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiving half of a route group: puts chunks from all members back in order, delivers each exactly once,
 * and says in ACKs what it holds and how far the sender may go. It holds at most its window of chunks, counted
 * from the first chunk the application has not finished reading, so a slow reader stops the sender.
 */
final class ReorderBuffer {

    private final int window;
    private final GroupCounters counters;
    /** Chunks above {@link #nextExpected}, waiting for the gap before them. */
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    /** In-order chunks the application has not finished reading. */
    private final ArrayDeque<byte[]> readable = new ArrayDeque<>();
    /** Rebuilt chunks not yet seen arriving themselves; pruned below {@link #nextExpected} minus one window. */
    private final java.util.TreeSet<Long> rebuilt = new java.util.TreeSet<>();
    private long nextExpected;
    private long readChunks;
    private int readOffset;
    private long readableBytes;
    private long advertisedLimit = GroupConfig.INITIAL_WINDOW_CHUNKS;
    private boolean ackDue;
    private boolean solicit;

    ReorderBuffer(int window, GroupCounters counters) {
        this.window = window;
        this.counters = counters;
    }

    /** Every chunk below this has been received. */
    long nextExpected() {
        return nextExpected;
    }

    /** The first sequence number the sender may not send yet. */
    long limit() {
        return readChunks + window;
    }

    /** Whether chunk {@code seq} is already here (in order or waiting). */
    boolean has(long seq) {
        return seq < nextExpected || pending.containsKey(seq);
    }

    /** Whether {@code seq} may be accepted now. */
    boolean inWindow(long seq) {
        return seq < limit();
    }

    /**
     * Takes a chunk; duplicates and chunks outside the window are counted and dropped.
     *
     * @return true when the chunk was new
     */
    boolean accept(long seq, byte[] bytes) {
        if (has(seq)) {
            counters.increment(GroupCounter.DATA_DUPLICATE);
            if (rebuilt.remove(seq)) {
                counters.increment(GroupCounter.REBUILT_THEN_ARRIVED);
            }
            // The sender may not know we have it (its ACK was lost with a route).
            ackDue = true;
            return false;
        }
        if (!inWindow(seq)) {
            counters.increment(GroupCounter.DATA_OUTSIDE_WINDOW);
            return false;
        }
        counters.increment(GroupCounter.CHUNKS_RECEIVED);
        ackDue = true;
        if (seq != nextExpected) {
            pending.put(seq, bytes);
            return true;
        }
        append(bytes);
        Map.Entry<Long, byte[]> next;
        while ((next = pending.firstEntry()) != null && next.getKey() == nextExpected) {
            pending.pollFirstEntry();
            append(next.getValue());
        }
        return true;
    }

    /** Takes a chunk rebuilt from parity; as {@link #accept}, and remembered so a late original is recognised. */
    boolean acceptRebuilt(long seq, byte[] bytes) {
        if (!accept(seq, bytes)) {
            return false;
        }
        rebuilt.add(seq);
        // An original that has not come within a window of chunks delivered after it is not coming.
        rebuilt.headSet(nextExpected - window).clear();
        return true;
    }

    private void append(byte[] bytes) {
        readable.addLast(bytes);
        readableBytes += bytes.length;
        nextExpected++;
    }

    /** In-order bytes ready for the application. */
    long available() {
        return readableBytes;
    }

    /** Copies up to {@code length} in-order bytes into {@code into}; returns how many. */
    int read(byte[] into, int offset, int length) {
        int done = 0;
        while (done < length && !readable.isEmpty()) {
            byte[] head = readable.peekFirst();
            int take = Math.min(length - done, head.length - readOffset);
            System.arraycopy(head, readOffset, into, offset + done, take);
            done += take;
            readOffset += take;
            if (readOffset == head.length) {
                readable.pollFirst();
                readOffset = 0;
                readChunks++;
            }
        }
        readableBytes -= done;
        // A window that grew by a quarter is worth telling the sender about.
        if (limit() - advertisedLimit >= window / 4) {
            ackDue = true;
        }
        return done;
    }

    /** Makes the next {@link #takeAck} answer even if nothing changed (the last ACK could not be sent). */
    void requestAck() {
        ackDue = true;
    }

    /**
     * Makes the next ACK ask the peer for its own: a failed member may have taken the peer's last ACK with it, and
     * the peer, with nothing new to acknowledge, would not send another.
     */
    void solicitAck() {
        ackDue = true;
        solicit = true;
    }

    /** The ACK to send now, or null when nothing changed since the last one. */
    GroupFrame.Ack takeAck() {
        if (!ackDue) {
            return null;
        }
        ackDue = false;
        advertisedLimit = limit();
        List<GroupFrame.Range> ranges = new ArrayList<>();
        Iterator<Long> seqs = pending.keySet().iterator();
        long start = -1;
        int count = 0;
        while (seqs.hasNext() && ranges.size() < GroupCodec.MAX_RANGES) {
            long seq = seqs.next();
            if (count > 0 && seq == start + count) {
                count++;
                continue;
            }
            if (count > 0) {
                ranges.add(new GroupFrame.Range(start, count));
            }
            start = seq;
            count = 1;
        }
        if (count > 0 && ranges.size() < GroupCodec.MAX_RANGES) {
            ranges.add(new GroupFrame.Range(start, count));
        }
        boolean asking = solicit;
        solicit = false;
        return new GroupFrame.Ack(nextExpected, advertisedLimit, ranges, asking);
    }
}
