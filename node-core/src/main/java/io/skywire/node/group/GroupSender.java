package io.skywire.node.group;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sending half of a route group: cuts the byte stream into numbered chunks, hands each to whichever member
 * asks first (so faster members carry more), keeps every chunk until the receiver acknowledges it, and when a
 * member fails sends its unacknowledged chunks again on the others, unless parity already lets the receiver
 * rebuild them. Members are small integers (bit positions in the live mask the caller passes).
 */
final class GroupSender {

    /** A chunk between being cut and being acknowledged. */
    static final class Chunk {
        final long seq;
        final byte[] bytes;
        final Stripe stripe;
        final int stripeIndex;
        int carrier = -1;
        int sends;
        boolean queued;
        boolean acked;

        Chunk(long seq, byte[] bytes, Stripe stripe, int stripeIndex) {
            this.seq = seq;
            this.bytes = bytes;
            this.stripe = stripe;
            this.stripeIndex = stripeIndex;
        }

        byte[] encode() {
            int count = stripe == null ? 0 : stripe.chunks.length;
            return GroupCodec.encode(new GroupFrame.Data(seq, count, stripeIndex, bytes));
        }
    }

    /** Data chunks and their parity, each to go on a different member. */
    static final class Stripe {
        final Chunk[] chunks;
        byte[] parityFrame;
        int parityCarrier = -1;
        boolean parityAbandoned;
        long usedMembers;
        int assigned;

        Stripe(int count) {
            this.chunks = new Chunk[count];
        }

        boolean fullyAssigned() {
            return assigned == chunks.length + 1;
        }
    }

    /** A frame offered to a member; nothing changes unless it is {@link #commit committed}. */
    record Outgoing(byte[] bytes, Chunk chunk, Stripe stripe) {
    }

    private final GroupConfig config;
    private final GroupCounters counters;
    private final ArrayDeque<byte[]> writes = new ArrayDeque<>();
    private int writeOffset;
    private long bufferedBytes;
    private long nextSeq;
    private long peerCumulative;
    private long peerLimit = GroupConfig.INITIAL_WINDOW_CHUNKS;
    private final TreeMap<Long, Chunk> unacked = new TreeMap<>();
    private final TreeMap<Long, Chunk> queue = new TreeMap<>();
    private final ArrayDeque<Stripe> open = new ArrayDeque<>();

    GroupSender(GroupConfig config, GroupCounters counters) {
        this.config = config;
        this.counters = counters;
    }

    /** Takes up to {@code length} bytes into the send buffer; returns how many. */
    int write(byte[] bytes, int offset, int length) {
        int take = (int) Math.min(length, config.sendBufferBytes() - bufferedBytes);
        if (take <= 0) {
            return 0;
        }
        writes.addLast(java.util.Arrays.copyOfRange(bytes, offset, offset + take));
        bufferedBytes += take;
        return take;
    }

    /** Bytes written and not yet cut into chunks. */
    long bufferedBytes() {
        return bufferedBytes;
    }

    /** Chunks sent or cut and not yet acknowledged. */
    int unackedChunks() {
        return unacked.size();
    }

    /** The next frame {@code member} could carry, or null. */
    Outgoing next(int member, long liveMask) {
        if (queue.isEmpty() && !config.erasure()) {
            cut(null, 0);
        }
        if (!queue.isEmpty()) {
            Chunk chunk = queue.firstEntry().getValue();
            return new Outgoing(chunk.encode(), chunk, null);
        }
        if (!config.erasure()) {
            return null;
        }
        for (Stripe stripe : open) {
            Outgoing frame = frameFor(stripe, member);
            if (frame != null) {
                return frame;
            }
        }
        int live = Long.bitCount(liveMask);
        if (open.size() >= GroupConfig.MAX_OPEN_STRIPES) {
            return null;
        }
        if (live < 2) {
            // Nothing to spread parity over: plain chunks until members come back.
            Chunk chunk = cut(null, 0);
            return chunk == null ? null : new Outgoing(chunk.encode(), chunk, null);
        }
        Stripe stripe = cutStripe(Math.min(live - 1, GroupCodec.MAX_STRIPE));
        return stripe == null ? null : frameFor(stripe, member);
    }

    private Outgoing frameFor(Stripe stripe, int member) {
        if ((stripe.usedMembers & 1L << member) != 0) {
            return null;
        }
        for (Chunk chunk : stripe.chunks) {
            if (chunk.carrier < 0 && !chunk.queued) {
                return new Outgoing(chunk.encode(), chunk, stripe);
            }
        }
        if (stripe.parityCarrier < 0 && !stripe.parityAbandoned) {
            return new Outgoing(stripe.parityFrame, null, stripe);
        }
        return null;
    }

    private boolean canCut() {
        return bufferedBytes > 0 && nextSeq < peerLimit && unacked.size() < config.maxInFlightChunks();
    }

    /** Cuts the next chunk; a plain one goes straight to the send queue. */
    private Chunk cut(Stripe stripe, int index) {
        if (!canCut()) {
            return null;
        }
        int length = (int) Math.min(config.chunkBytes(), bufferedBytes);
        byte[] bytes = new byte[length];
        for (int done = 0; done < length; ) {
            byte[] head = writes.peekFirst();
            int take = Math.min(length - done, head.length - writeOffset);
            System.arraycopy(head, writeOffset, bytes, done, take);
            done += take;
            writeOffset += take;
            if (writeOffset == head.length) {
                writes.pollFirst();
                writeOffset = 0;
            }
        }
        bufferedBytes -= length;
        Chunk chunk = new Chunk(nextSeq++, bytes, stripe, index);
        unacked.put(chunk.seq, chunk);
        if (stripe == null) {
            chunk.queued = true;
            queue.put(chunk.seq, chunk);
        }
        return chunk;
    }

    private Stripe cutStripe(int width) {
        if (!canCut()) {
            return null;
        }
        // Fewer chunks than members when the stream or the window runs short.
        Stripe stripe = new Stripe(Math.min(width, chunksAvailable()));
        for (int i = 0; i < stripe.chunks.length; i++) {
            stripe.chunks[i] = cut(stripe, i);
        }
        int longest = 0;
        int lengthXor = 0;
        for (Chunk chunk : stripe.chunks) {
            longest = Math.max(longest, chunk.bytes.length);
            lengthXor ^= chunk.bytes.length;
        }
        byte[] parity = new byte[longest];
        for (Chunk chunk : stripe.chunks) {
            for (int i = 0; i < chunk.bytes.length; i++) {
                parity[i] ^= chunk.bytes[i];
            }
        }
        stripe.parityFrame = GroupCodec.encode(new GroupFrame.Parity(stripe.chunks[0].seq, stripe.chunks.length,
                lengthXor, parity));
        open.addLast(stripe);
        return stripe;
    }

    /** Whole or partial chunks that could be cut now. */
    private int chunksAvailable() {
        long byData = (bufferedBytes + config.chunkBytes() - 1) / config.chunkBytes();
        long byWindow = Math.min(peerLimit - nextSeq, config.maxInFlightChunks() - unacked.size());
        return (int) Math.max(1, Math.min(byData, byWindow));
    }

    /** Records that {@code member} took {@code frame}. */
    void commit(Outgoing frame, int member) {
        Chunk chunk = frame.chunk();
        Stripe stripe = frame.stripe();
        if (chunk == null) {
            stripe.parityCarrier = member;
            counters.increment(GroupCounter.PARITY_SENT);
        } else {
            if (chunk.queued) {
                queue.remove(chunk.seq);
                chunk.queued = false;
            }
            chunk.carrier = member;
            counters.increment(chunk.sends++ == 0 ? GroupCounter.CHUNKS_SENT : GroupCounter.CHUNKS_RESENT);
        }
        if (stripe != null) {
            stripe.usedMembers |= 1L << member;
            stripe.assigned++;
            if (stripe.fullyAssigned()) {
                open.remove(stripe);
            }
        }
    }

    /** Sends again, on other members, what was lost with a member that failed ({@code liveMask} excludes it). */
    void memberFailed(long liveMask) {
        Iterator<Stripe> stripes = open.iterator();
        while (stripes.hasNext()) {
            Stripe stripe = stripes.next();
            int unassigned = stripe.chunks.length + 1 - stripe.assigned;
            if (unassigned <= Long.bitCount(liveMask & ~stripe.usedMembers)) {
                // Enough live members it has not used: it can still go out one frame per member.
                continue;
            }
            stripes.remove();
            for (Chunk chunk : stripe.chunks) {
                if (chunk.carrier < 0 && !chunk.queued && !chunk.acked) {
                    chunk.queued = true;
                    queue.put(chunk.seq, chunk);
                }
            }
            if (stripe.parityCarrier < 0) {
                stripe.parityAbandoned = true;
                counters.increment(GroupCounter.PARITY_ABANDONED);
            }
        }
        for (Chunk chunk : unacked.values()) {
            if (!chunk.queued && chunk.carrier >= 0 && !alive(chunk.carrier, liveMask)
                    && !rebuildable(chunk, liveMask)) {
                chunk.queued = true;
                queue.put(chunk.seq, chunk);
            }
        }
    }

    /** Whether the receiver will rebuild {@code lost} from the rest of its stripe, all of which will arrive. */
    private boolean rebuildable(Chunk lost, long liveMask) {
        Stripe stripe = lost.stripe;
        if (!config.erasure() || stripe == null || stripe.parityAbandoned || !willArrive(stripe.parityCarrier, liveMask)) {
            return false;
        }
        for (Chunk other : stripe.chunks) {
            if (other != lost && !other.acked && !other.queued && !willArrive(other.carrier, liveMask)) {
                return false;
            }
        }
        return true;
    }

    /** A frame arrives if a live member took it or it is still to be handed out (carrier -1). */
    private static boolean willArrive(int carrier, long liveMask) {
        return carrier < 0 || alive(carrier, liveMask);
    }

    private static boolean alive(int member, long liveMask) {
        return member >= 0 && (liveMask & 1L << member) != 0;
    }

    /** Applies an ACK; one naming chunks never cut is counted and ignored. */
    void onAck(GroupFrame.Ack ack) {
        long highest = ack.ranges().isEmpty() ? ack.cumulative() : ack.ranges().get(ack.ranges().size() - 1).end();
        if (ack.cumulative() > nextSeq || highest > nextSeq) {
            counters.increment(GroupCounter.ACKS_INVALID);
            return;
        }
        if (ack.cumulative() > peerCumulative) {
            peerCumulative = ack.cumulative();
            markAcked(unacked.headMap(peerCumulative, false));
        }
        for (GroupFrame.Range range : ack.ranges()) {
            markAcked(unacked.subMap(range.start(), true, range.end(), false));
        }
        peerLimit = Math.max(peerLimit, ack.limit());
    }

    private void markAcked(Map<Long, Chunk> chunks) {
        Iterator<Chunk> it = chunks.values().iterator();
        while (it.hasNext()) {
            Chunk chunk = it.next();
            chunk.acked = true;
            if (chunk.queued) {
                queue.remove(chunk.seq);
                chunk.queued = false;
            }
            it.remove();
        }
    }
}
