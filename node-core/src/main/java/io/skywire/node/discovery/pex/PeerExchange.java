package io.skywire.node.discovery.pex;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.identity.NodeId;
import io.skywire.node.limit.SourceLimiter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.random.RandomGenerator;

/**
 * Peer exchange without sockets: neighbours linked over UDP ask each other for the records of their other
 * neighbours (at link-up and then every interval), a new neighbour's record is pushed to the others, and a
 * bootstrap address whose key is unknown is greeted with a HELLO until it answers with its record.
 *
 * <p>REQUEST and RECORDS are taken only from the address of a linked neighbour; HELLO from anyone, but it is
 * answered only when the record in it is accepted, and the answer is no larger than one record, so a spoofed
 * HELLO cannot turn this node into an amplifier. Everything received passes the {@link SourceLimiter} before
 * it is decoded. Records go to a {@link RecordSink}, which verifies and stores them. A neighbour's own record,
 * new to this node and received from that neighbour, is pushed to the other neighbours; records heard second-hand
 * are not pushed on, so a record travels one hop by push and no flood builds up.
 */
public final class PeerExchange {

    /** First retry of an unanswered HELLO; doubled per attempt up to {@link #MAX_HELLO_RETRY_NANOS}. */
    static final long FIRST_HELLO_RETRY_NANOS = 1_000_000_000L;
    static final long MAX_HELLO_RETRY_NANOS = 30_000_000_000L;
    /**
     * A new neighbour is asked twice, the second time after this: the first request can arrive before the
     * neighbour has finished its side of the handshake (it then drops it as not from a neighbour), or be lost.
     */
    static final long FOLLOW_UP_NANOS = 2_000_000_000L;

    /** What became of an offered record. */
    public enum Offered {
        /** Stored: a node not known before, or a newer record of one. */
        NEW,
        /** Already held (the same record, or a newer one). */
        KNOWN,
        /** Refused: forged, expired, absurd... (counted by the store). */
        REFUSED
    }

    /** Where verified records go: the node's directory of known peers. */
    public interface RecordSink {

        /**
         * Offers a record learned from the network.
         *
         * @param dialHint the address it came from when that is the node's own socket (HELLO and its reply),
         *                 else null
         */
        Offered offer(NodeRecord record, InetSocketAddress dialHint);

        /** Records to share with neighbour {@code asker}: those of our other neighbours, at most {@code max}. */
        List<NodeRecord> shareWith(NodeId asker, int max);
    }

    /**
     * A message to send.
     *
     * @param to      the UDP address
     * @param message the encoded message (without the datagram's kind byte)
     */
    public record Outgoing(InetSocketAddress to, byte[] message) {
    }

    private static final class Neighbour {
        final NodeId id;
        long nextRequestAt;
        boolean followedUp;

        Neighbour(NodeId id, long nextRequestAt) {
            this.id = id;
            this.nextRequestAt = nextRequestAt;
        }
    }

    private static final class PendingHello {
        final long nonce;
        long nextAt;
        long backoff = FIRST_HELLO_RETRY_NANOS;

        PendingHello(long nonce, long nextAt) {
            this.nonce = nonce;
            this.nextAt = nextAt;
        }
    }

    private final long requestIntervalNanos;
    private final int maxShared;
    private final RandomGenerator random;
    private final SourceLimiter<InetAddress> limiter;
    private final RecordSink sink;
    private final Map<InetSocketAddress, Neighbour> neighbours = new HashMap<>();
    private final Map<InetSocketAddress, PendingHello> hellos = new HashMap<>();
    private final Queue<Outgoing> outgoing = new ArrayDeque<>();
    private final long[] counters = new long[PexCounter.values().length];
    private NodeRecord self;

    /**
     * @param requestIntervalNanos time between two requests to one neighbour (jittered by a quarter either way)
     * @param maxShared            records sent at most in answer to one request
     * @param random               nonces and jitter
     * @param limiter              rate limits on received messages
     * @param sink                 verifies and stores records, and says what to share
     */
    public PeerExchange(long requestIntervalNanos, int maxShared, RandomGenerator random,
                        SourceLimiter<InetAddress> limiter, RecordSink sink) {
        if (requestIntervalNanos <= 0 || maxShared < 1) {
            throw new IllegalArgumentException("the interval and the share limit must be positive");
        }
        this.requestIntervalNanos = requestIntervalNanos;
        this.maxShared = maxShared;
        this.random = Objects.requireNonNull(random, "random");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** This node's current record, sent in HELLOs and their answers; HELLOs wait for it. */
    public void selfRecord(NodeRecord record) {
        this.self = record;
    }

    /** Greets a bootstrap address until it answers with its record (retried with back-off, never given up). */
    public void hello(long now, InetSocketAddress to) {
        PendingHello pending = new PendingHello(random.nextLong(), now);
        hellos.put(to, pending);
        sendDueHellos(now);
    }

    /** A link to {@code id} at UDP address {@code address} is up: ask it for its neighbours now. */
    public void neighbourUp(long now, NodeId id, InetSocketAddress address) {
        neighbours.put(address, new Neighbour(id, now));
        handleTimeout(now);
    }

    /** The link at {@code address} is gone. */
    public void neighbourDown(InetSocketAddress address) {
        neighbours.remove(address);
    }

    /** Whether {@code address} is a linked neighbour's. */
    public boolean isNeighbour(InetSocketAddress address) {
        return neighbours.containsKey(address);
    }

    /** Pushes the record of a neighbour to every other neighbour (a new neighbour introduced to the others). */
    public void share(NodeRecord record) {
        for (Map.Entry<InetSocketAddress, Neighbour> entry : neighbours.entrySet()) {
            if (!entry.getValue().id.equals(record.nodeKey())) {
                send(entry.getKey(), new PexMessage.Records(random.nextLong(), List.of(record)));
            }
        }
    }

    /** Handles one message from {@code from}; never throws for anything a sender controls. */
    public void onMessage(long now, InetSocketAddress from, byte[] bytes) {
        count(PexCounter.RECEIVED);
        if (!limiter.allow(from.getAddress(), now)) {
            count(PexCounter.RATE_LIMITED);
            return;
        }
        PexMessage message;
        try {
            message = PexCodec.decode(bytes);
        } catch (PexDecodeException e) {
            count(PexCounter.MALFORMED);
            return;
        }
        if (message instanceof PexMessage.Hello hello) {
            onHello(from, hello);
        } else if (message instanceof PexMessage.HelloReply reply) {
            PendingHello pending = hellos.get(from);
            if (pending == null || pending.nonce != reply.nonce()) {
                count(PexCounter.UNEXPECTED_REPLY);
                return;
            }
            if (offer(reply.record(), from, neighbours.get(from)) != Offered.REFUSED) {
                hellos.remove(from);
            }
        } else {
            Neighbour neighbour = neighbours.get(from);
            if (neighbour == null) {
                count(PexCounter.NOT_NEIGHBOUR);
            } else if (message instanceof PexMessage.Request request) {
                answer(from, neighbour, request.nonce());
            } else {
                for (NodeRecord record : ((PexMessage.Records) message).records()) {
                    offer(record, null, neighbour);
                }
            }
        }
    }

    private void onHello(InetSocketAddress from, PexMessage.Hello hello) {
        if (offer(hello.record(), from, neighbours.get(from)) == Offered.REFUSED) {
            count(PexCounter.HELLOS_REFUSED);
            return;
        }
        if (self != null) {
            count(PexCounter.HELLOS_ANSWERED);
            send(from, new PexMessage.HelloReply(hello.nonce(), self));
        }
    }

    /** Offers a record that {@code sender} (a neighbour, or null) sent; pushes it on if it is the sender's own. */
    private Offered offer(NodeRecord record, InetSocketAddress dialHint, Neighbour sender) {
        if (self != null && record.nodeKey().equals(self.nodeKey())) {
            return Offered.KNOWN;
        }
        Offered offered = sink.offer(record, dialHint);
        count(offered == Offered.REFUSED ? PexCounter.RECORDS_REFUSED : PexCounter.RECORDS_ACCEPTED);
        if (offered == Offered.NEW && sender != null && sender.id.equals(record.nodeKey())) {
            share(record);
        }
        return offered;
    }

    private void answer(InetSocketAddress to, Neighbour asker, long nonce) {
        List<NodeRecord> batch = new ArrayList<>();
        for (NodeRecord record : sink.shareWith(asker.id, maxShared)) {
            batch.add(record);
            if (batch.size() == PexCodec.MAX_RECORDS || PexCodec.recordsLength(batch) > PexCodec.MAX_BYTES) {
                NodeRecord last = batch.remove(batch.size() - 1);
                flush(to, nonce, batch);
                batch.add(last);
            }
        }
        flush(to, nonce, batch);
    }

    private void flush(InetSocketAddress to, long nonce, List<NodeRecord> batch) {
        if (!batch.isEmpty()) {
            send(to, new PexMessage.Records(nonce, batch));
            batch.clear();
        }
    }

    /** Sends due requests and HELLO retries. */
    public void handleTimeout(long now) {
        for (Map.Entry<InetSocketAddress, Neighbour> entry : neighbours.entrySet()) {
            Neighbour neighbour = entry.getValue();
            if (now >= neighbour.nextRequestAt) {
                long quarter = requestIntervalNanos / 4;
                neighbour.nextRequestAt = neighbour.followedUp
                        ? now + requestIntervalNanos - quarter + random.nextLong(2 * quarter + 1)
                        : now + Math.min(FOLLOW_UP_NANOS, requestIntervalNanos);
                neighbour.followedUp = true;
                send(entry.getKey(), new PexMessage.Request(random.nextLong()));
            }
        }
        sendDueHellos(now);
    }

    private void sendDueHellos(long now) {
        if (self == null) {
            return;
        }
        for (Map.Entry<InetSocketAddress, PendingHello> entry : hellos.entrySet()) {
            PendingHello pending = entry.getValue();
            if (now >= pending.nextAt) {
                if (pending.backoff > FIRST_HELLO_RETRY_NANOS) {
                    count(PexCounter.HELLOS_RETRIED);
                }
                pending.nextAt = now + pending.backoff;
                pending.backoff = Math.min(MAX_HELLO_RETRY_NANOS, pending.backoff * 2);
                send(entry.getKey(), new PexMessage.Hello(pending.nonce, self));
            }
        }
    }

    /** When {@link #handleTimeout} has work next. */
    public long nextTimeout() {
        long next = Long.MAX_VALUE;
        for (Neighbour neighbour : neighbours.values()) {
            next = Math.min(next, neighbour.nextRequestAt);
        }
        if (self != null) {
            for (PendingHello pending : hellos.values()) {
                next = Math.min(next, pending.nextAt);
            }
        }
        return next;
    }

    /** The next message to send, or null. */
    public Outgoing pollOutgoing() {
        return outgoing.poll();
    }

    /** Counts by reason. */
    public Map<PexCounter, Long> counters() {
        Map<PexCounter, Long> copy = new EnumMap<>(PexCounter.class);
        for (PexCounter counter : PexCounter.values()) {
            copy.put(counter, counters[counter.ordinal()]);
        }
        return copy;
    }

    private void send(InetSocketAddress to, PexMessage message) {
        count(PexCounter.SENT);
        outgoing.add(new Outgoing(to, PexCodec.encode(message)));
    }

    private void count(PexCounter counter) {
        counters[counter.ordinal()]++;
    }
}
