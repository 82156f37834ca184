package io.skywire.node.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datagram layer of one link: packs control frames, credit updates and route payloads into MTU-sized
 * datagrams, acknowledges what arrives, and detects loss by packet threshold, by time (9/8 RTT) and by
 * retransmission timeout, resending only the frames of the datagrams it declared lost. Payloads go in strict
 * priority by {@linkplain #sendClass class}: the node's own routes before those it forwards, real-time before
 * bulk within each, round-robin between the routes of a class; a {@link LinkShare} paces the link at its
 * capacity and caps what forwarded routes may use of it.
 */
final class LinkState {

    private static final Logger LOG = LoggerFactory.getLogger(LinkState.class);

    /** Callback for route payloads whose buffer bytes may be given back. */
    interface Releaser {
        void released(QueuedMessage message, long now);
    }

    /** A datagram declared lost when this many later ones were acknowledged (as TCP and QUIC). */
    static final int PACKET_THRESHOLD = 3;
    /** In-flight datagrams beyond the bulk limit that real-time and control traffic may still use. */
    static final int REAL_TIME_RESERVE = 16;
    /** Lost datagrams, with no acknowledgement since, before a link may be declared dead. */
    static final int DEAD_AFTER_LOSSES = 24;
    private static final int MAX_BACKOFF = 3;
    /** Room kept in full datagrams for an ACK with the whole bitmap. */
    static final int ACK_RESERVE = 1 + 8 + 4 + 1 + Frame.ACK_BITMAP_BYTES;
    /** Later datagrams that repeat an acknowledgement, where it fits, so one lost ACK costs nothing. */
    private static final int ACK_REPEATS = 2;
    /** Encoded length of a CREDIT frame. */
    private static final int CREDIT_BYTES = 1 + RouteId.BYTES + 8;
    private int ackRepeats;
    /** When an ACK last left on this link, so a repeat never goes alone in the same burst as it. */
    private long ackWrittenAt = Long.MIN_VALUE;

    final LinkId id;
    final byte[] peerKey;
    final int mtu;
    final ReceivedWindow received = new ReceivedWindow();
    private final EngineConfig config;
    private final NodeCounters counters;
    private final Releaser releaser;
    private final SentWindow sent = new SentWindow();
    private final RttEstimator rtt;
    private final byte[] scratch;
    private final ArrayDeque<Frame> control = new ArrayDeque<>();
    /** What the datagram being built carries, reused; each sent packet keeps an exact-size copy. */
    private final List<Object> pollItems = new ArrayList<>();
    private final ArrayDeque<RouteLeg> creditDirty = new ArrayDeque<>();
    /** Own real-time, own bulk, forwarded real-time, forwarded bulk: the order in which payloads are sent. */
    private static final int CLASSES = 4;
    private static final int FORWARDED = 2;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<QueuedMessage>[] retransmit = new ArrayDeque[CLASSES];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<RouteLeg>[] ring = new ArrayDeque[CLASSES];
    /** Paces everything sent at the link's capacity; null when it is unknown. */
    private Pacer capacity;
    /** Paces forwarded payloads at the user's cap; null without a cap. */
    private Pacer forwardCap;
    /** When a pacer that held payloads back lets them go again; Long.MAX_VALUE when none waits. */
    private long pacedUntil = Long.MAX_VALUE;
    private long nextPacketNumber;
    private long largestAcked = -1;
    private long lossTime = Long.MAX_VALUE;
    private int backoff;
    private long lastProgress;
    private int lostSinceProgress;
    private long lastLossAt;
    boolean ackPending;
    /** Delayed ACKs: an ack-eliciting frame in the datagram being handled, datagrams not yet acknowledged, when
     *  the first of them arrived plus the delay, and whether the ACK must go at once (a gap or a duplicate). */
    private boolean elicited;
    private int unackedDatagrams;
    private long ackDeadline = Long.MAX_VALUE;
    private boolean ackNow;
    boolean dead;
    /** What this link sends goes over a route (see {@link Carriers}), never to the driver. */
    boolean carried;
    /** The link exists only as a route: the driver neither sends nor receives on it, and it never dies by silence. */
    boolean virtual;
    /** Per-sender buffer policy: what this link's neighbour has held at this node, and its blocks. */
    final SenderBuffer inbound = new SenderBuffer();

    LinkState(LinkId id, byte[] peerKey, int mtu, EngineConfig config, NodeCounters counters, Releaser releaser) {
        this.id = id;
        this.peerKey = peerKey.clone();
        this.mtu = mtu;
        this.config = config;
        this.counters = counters;
        this.releaser = releaser;
        this.rtt = new RttEstimator(config.minRtoNanos(), config.initialRtoNanos());
        this.scratch = new byte[mtu];
        for (int i = 0; i < CLASSES; i++) {
            retransmit[i] = new ArrayDeque<>();
            ring[i] = new ArrayDeque<>();
        }
    }

    /** The send class of a route's payloads here: forwarded when this node is neither of its ends. */
    static int sendClass(Route route) {
        return (route.role == Route.Role.TRANSIT ? FORWARDED : 0) + route.qos.ordinal();
    }

    /** Applies how much of this link forwarding may use (see {@link LinkShare}). */
    void share(LinkShare share) {
        int burst = 4 * mtu;
        capacity = share.capacityBytesPerSecond() > 0 ? new Pacer(share.capacityBytesPerSecond(), burst) : null;
        forwardCap = share.forwardCapBytesPerSecond() > 0 ? new Pacer(share.forwardCapBytesPerSecond(), burst) : null;
        pacedUntil = Long.MAX_VALUE;
    }

    /** Largest DATA payload this link carries: a full datagram still has room for a piggy-backed ACK. */
    int maxDataPayload() {
        return mtu - DatagramCodec.HEADER_BYTES - Frame.DATA_OVERHEAD - ACK_RESERVE;
    }

    /** Called for every ack-eliciting frame received (several may share a datagram). */
    void ackEliciting() {
        ackPending = true;
        elicited = true;
        ackRepeats = ACK_REPEATS;
    }

    /**
     * Called once a received datagram's frames were handled: counts it towards a delayed ACK ({@link AckSettings})
     * when it was ack-eliciting, and makes the ACK due at once when it arrived after a gap.
     */
    void datagramHandled(long now, boolean afterGap) {
        if (!elicited) {
            return;
        }
        elicited = false;
        if (unackedDatagrams++ == 0) {
            ackDeadline = now + config.acks().maxDelayNanos();
        }
        if (afterGap) {
            ackNow = true;
        }
    }

    /** A datagram arrived twice: our ACK was probably lost, so the next one goes at once. */
    void duplicateReceived() {
        ackPending = true;
        ackNow = true;
    }

    /** Whether a pending ACK must go even alone. */
    private boolean ackDue(long now) {
        return !config.acks().delayed() || ackNow || unackedDatagrams >= config.acks().everyDatagrams()
                || now >= ackDeadline;
    }

    void seedRtt(long rttNanos) {
        rtt.sample(rttNanos);
    }

    long smoothedRtt() {
        return rtt.smoothed();
    }

    void sendControl(Frame frame) {
        control.addLast(frame);
    }

    void queueCredit(RouteLeg leg) {
        if (!leg.creditQueued) {
            leg.creditQueued = true;
            creditDirty.addLast(leg);
        }
    }

    /** Puts a leg that may have become sendable into its class's round-robin. */
    void schedule(RouteLeg leg) {
        if (!leg.inRing && leg.sendable()) {
            leg.inRing = true;
            ring[sendClass(leg.route)].addLast(leg);
        }
    }

    /** The next datagram for this link, or null when nothing may be sent now. */
    byte[] poll(long now) {
        int length = poll(now, scratch);
        return length == 0 ? null : Arrays.copyOf(scratch, length);
    }

    /**
     * Writes the next datagram for this link into {@code buf} (at least {@link #mtu} long) and returns its
     * length, or 0 when nothing may be sent now.
     */
    int poll(long now, byte[] buf) {
        if (dead) {
            return 0;
        }
        int inFlight = sent.unsettled();
        boolean controlAllowed = inFlight < config.maxInFlightPackets() + REAL_TIME_RESERVE;
        if (!ackPending && !controlAllowed) {
            return 0;
        }
        int pos = DatagramCodec.HEADER_BYTES;
        boolean acked = ackPending;
        long previousAckAt = ackWrittenAt;
        if (ackPending) {
            pos = writeAck(buf, pos, now);
        }
        int afterAck = pos;
        List<Object> items = pollItems;
        items.clear();
        int forwardedBytes = 0;
        if (controlAllowed) {
            pos = fillControl(buf, pos, items);
            boolean bulkAllowed = inFlight < config.maxInFlightPackets();
            if (capacity != null && !capacity.ready(now)) {
                holdBack(capacity, now, 0);
            } else {
                pos = fillClass(QosClass.REAL_TIME.ordinal(), buf, pos, items, now);
                if (bulkAllowed) {
                    pos = fillClass(QosClass.BULK.ordinal(), buf, pos, items, now);
                }
                if (forwardCap != null && !forwardCap.ready(now)) {
                    holdBack(forwardCap, now, FORWARDED);
                } else {
                    int before = pos;
                    pos = fillClass(FORWARDED + QosClass.REAL_TIME.ordinal(), buf, pos, items, now);
                    if (bulkAllowed) {
                        pos = fillClass(FORWARDED + QosClass.BULK.ordinal(), buf, pos, items, now);
                    }
                    forwardedBytes = pos - before;
                }
            }
        }
        if (acked && pos == afterAck && !ackDue(now)) {
            // Only the ACK would go, and it may still wait for company (AckSettings).
            ackWrittenAt = previousAckAt;
            return 0;
        }
        if (acked) {
            ackPending = false;
            ackNow = false;
            unackedDatagrams = 0;
            ackDeadline = Long.MAX_VALUE;
        }
        boolean alone = pos == DatagramCodec.HEADER_BYTES;
        // A lone repeat waits as long as a delayed ACK may (at once: not at the same instant as the ACK).
        if (!acked && ackRepeats > 0 && received.largest() >= 0 && pos + ACK_RESERVE <= mtu
                && !(alone && now - ackWrittenAt < Math.max(1, config.acks().maxDelayNanos()))) {
            // Repeats ride on other frames, or go alone when there are none: on a lossy link with sparse
            // traffic a single acknowledgement is too easily lost. But not alone at the same instant as the
            // ACK they repeat: a driver that polls until null would send the ACK and its repeats back to
            // back, three datagrams that share one fate, for every datagram it acknowledges.
            ackRepeats--;
            pos = writeAck(buf, pos, now);
        }
        if (pos == DatagramCodec.HEADER_BYTES) {
            return 0;
        }
        if (capacity != null) {
            capacity.spend(pos);
        }
        if (forwardCap != null && forwardedBytes > 0) {
            forwardCap.spend(forwardedBytes);
        }
        long packetNumber = nextPacketNumber++;
        DatagramCodec.writeHeader(buf, packetNumber);
        if (items.isEmpty()) {
            sent.append(packetNumber, null);
        } else {
            if (sent.unsettled() == 0 && (lostSinceProgress == 0 || now - lastLossAt > rtt.rto())) {
                // A link that was idle starts its dead-link clock now; one resending what it just declared
                // lost keeps the clock running.
                lastProgress = now;
                lostSinceProgress = 0;
            }
            sent.append(packetNumber, new SentPacket(packetNumber, now, items.toArray()));
        }
        counters.increment(Counter.DATAGRAMS_SENT);
        counters.add(Counter.BYTES_SENT, pos);
        return pos;
    }

    private int writeAck(byte[] buf, int pos, long now) {
        ackWrittenAt = now;
        long delayMicros = Math.max(0, (now - received.largestReceivedAt()) / 1000);
        // Written in place: an ACK goes out with nearly every datagram, so it allocates nothing.
        int bitmapAt = DatagramCodec.writeAckHeader(buf, pos, received.largest(), delayMicros);
        int bitmapLength = received.writeBitmap(buf, bitmapAt);
        buf[bitmapAt - 1] = (byte) bitmapLength;
        return bitmapAt + bitmapLength;
    }

    /** Remembers when {@code pacer} lets payloads go again, if any of class {@code from} or later wait for it. */
    private void holdBack(Pacer pacer, long now, int from) {
        for (int i = from; i < CLASSES; i++) {
            if (!ring[i].isEmpty() || !retransmit[i].isEmpty()) {
                pacedUntil = Math.min(pacedUntil, pacer.readyAt(now));
                return;
            }
        }
    }

    private int fillControl(byte[] buf, int pos, List<Object> items) {
        while (!control.isEmpty() && pos + control.peekFirst().encodedLength() <= mtu) {
            Frame frame = control.pollFirst();
            pos = DatagramCodec.writeFrame(buf, pos, frame);
            items.add(frame);
        }
        for (int n = creditDirty.size(); n > 0 && pos + CREDIT_BYTES <= mtu; n--) {
            RouteLeg leg = creditDirty.pollFirst();
            if (leg.closed) {
                leg.creditQueued = false;
                continue;
            }
            if (!leg.peerKnown) {
                creditDirty.addLast(leg);
                continue;
            }
            leg.creditQueued = false;
            pos = DatagramCodec.writeCredit(buf, pos, leg.peerHi, leg.peerLo, leg.advertisedLimit);
            items.add(leg);
        }
        return pos;
    }

    private int fillClass(int sendClass, byte[] buf, int pos, List<Object> items, long now) {
        ArrayDeque<QueuedMessage> resend = retransmit[sendClass];
        while (!resend.isEmpty()) {
            QueuedMessage message = resend.peekFirst();
            if (message.leg.closed) {
                resend.pollFirst();
                continue;
            }
            if (pos + Frame.DATA_OVERHEAD + message.payload.length > mtu) {
                return pos;
            }
            resend.pollFirst();
            pos = DatagramCodec.writeData(buf, pos, message.leg.peerHi, message.leg.peerLo, message.offset,
                    message.payload);
            items.add(message);
            counters.increment(Counter.FRAMES_RETRANSMITTED);
        }
        ArrayDeque<RouteLeg> legs = ring[sendClass];
        while (!legs.isEmpty()) {
            RouteLeg leg = legs.peekFirst();
            if (!leg.sendable()) {
                legs.pollFirst();
                leg.inRing = false;
                continue;
            }
            QueuedMessage message = leg.queue.peekFirst();
            if (pos + Frame.DATA_OVERHEAD + message.payload.length > mtu) {
                break;
            }
            leg.queue.pollFirst();
            if (leg.route.payment != null) {
                leg.route.payment.charged += message.payload.length;
            }
            pos = DatagramCodec.writeData(buf, pos, leg.peerHi, leg.peerLo, message.offset, message.payload);
            items.add(message);
            if (leg.route.cutThrough()) {
                // Cut-through never resends, so the buffer is free as soon as the bytes are on the wire.
                releaser.released(message, now);
            }
            legs.pollFirst();
            if (leg.sendable()) {
                legs.addLast(leg);
            } else {
                leg.inRing = false;
            }
        }
        return pos;
    }

    /** Applies an acknowledgement from the peer; its bitmap is {@code bitmapLength} bytes of {@code buf}. */
    void onAck(long now, long largestAck, long ackDelayMicros, byte[] buf, int bitmapAt, int bitmapLength) {
        if (largestAck >= nextPacketNumber) {
            counters.increment(Counter.ACKS_INVALID);
            return;
        }
        boolean progress = false;
        SentPacket largest = sent.get(largestAck);
        if (largest != null) {
            long sample = now - largest.sentAt;
            long delay = Math.min(ackDelayMicros * 1000, sample / 2);
            rtt.sample(sample - delay);
            acknowledge(largest, now);
            progress = true;
        }
        // Bit i acknowledges packet largestAck - 1 - i; packets below the lowest tracked one are all settled.
        long lowest = sent.lowestTracked();
        int bits = lowest < 0 ? 0 : (int) Math.min(bitmapLength * 8L, largestAck - lowest);
        for (int i = 0; i < bits; i++) {
            if ((buf[bitmapAt + (i >>> 3)] & (1 << (i & 7))) != 0) {
                SentPacket packet = sent.get(largestAck - 1 - i);
                if (packet != null) {
                    acknowledge(packet, now);
                    progress = true;
                }
            }
        }
        if (progress) {
            lastProgress = now;
            lostSinceProgress = 0;
            backoff = 0;
        }
        largestAcked = Math.max(largestAcked, largestAck);
        detectLosses(now);
    }

    private void acknowledge(SentPacket packet, long now) {
        sent.settle(packet);
        for (Object item : packet.items) {
            if (item instanceof QueuedMessage message && !message.leg.route.cutThrough()) {
                releaser.released(message, now);
            }
        }
    }

    private void detectLosses(long now) {
        lossTime = Long.MAX_VALUE;
        SentPacket oldest = sent.oldest();
        if (oldest == null || largestAcked < 0) {
            return;
        }
        long delay = rtt.lossDelay();
        for (long pn = oldest.packetNumber; pn <= largestAcked; pn++) {
            SentPacket packet = sent.get(pn);
            if (packet == null) {
                continue;
            }
            if (largestAcked - pn >= PACKET_THRESHOLD || now - packet.sentAt >= delay) {
                declareLost(packet, now);
            } else {
                lossTime = Math.min(lossTime, packet.sentAt + delay);
            }
        }
    }

    private void declareLost(SentPacket packet, long now) {
        lastLossAt = now;
        sent.settle(packet);
        counters.increment(Counter.PACKETS_LOST);
        lostSinceProgress++;
        for (Object item : packet.items) {
            if (item instanceof QueuedMessage message) {
                if (message.leg.closed) {
                    continue;
                }
                if (message.leg.route.cutThrough()) {
                    counters.increment(Counter.CUT_THROUGH_LOST);
                } else {
                    retransmit[sendClass(message.leg.route)].addLast(message);
                }
            } else if (item instanceof RouteLeg leg) {
                if (!leg.closed) {
                    queueCredit(leg);
                }
            } else {
                control.addLast((Frame) item);
            }
        }
    }

    private long rtoDeadline() {
        SentPacket oldest = sent.oldest();
        return oldest == null ? Long.MAX_VALUE : oldest.sentAt + (rtt.rto() << backoff);
    }

    private long deadAfter() {
        return Math.max(config.linkDeadNanos(), 8 * rtt.smoothed());
    }

    /** Earliest time this link needs {@link #onTimeout}. */
    long nextTimeout() {
        if (dead) {
            return Long.MAX_VALUE;
        }
        // A delayed ACK is polled at its deadline; an immediate one goes with the poll after its input.
        long paced = ackPending && config.acks().delayed() ? Math.min(pacedUntil, ackDeadline) : pacedUntil;
        if (sent.unsettled() == 0) {
            return paced;
        }
        long next = Math.min(paced, Math.min(lossTime, rtoDeadline()));
        if (lostSinceProgress >= DEAD_AFTER_LOSSES && !virtual) {
            next = Math.min(next, lastProgress + deadAfter());
        }
        return next;
    }

    /** Runs loss timers; returns true when the link has just been found dead. */
    boolean onTimeout(long now) {
        if (dead) {
            return false;
        }
        if (now >= pacedUntil) {
            // The driver polls the link after every timeout; the payloads held back go then.
            pacedUntil = Long.MAX_VALUE;
        }
        if (now >= ackDeadline) {
            // Due from now on, and no longer a deadline: a link that cannot send yet must not keep the timer firing.
            ackNow = true;
            ackDeadline = Long.MAX_VALUE;
        }
        if (now >= lossTime) {
            detectLosses(now);
        }
        if (sent.unsettled() > 0 && now >= rtoDeadline()) {
            long timeout = rtt.rto() << backoff;
            SentPacket oldest = sent.oldest();
            for (long pn = oldest.packetNumber; pn < nextPacketNumber; pn++) {
                SentPacket packet = sent.get(pn);
                if (packet != null && now - packet.sentAt >= timeout) {
                    declareLost(packet, now);
                }
            }
            backoff = Math.min(MAX_BACKOFF, backoff + 1);
        }
        // A virtual link's silence is its route's queue, not a dead peer: it ends when its route does.
        if (!virtual && now >= lastProgress + deadAfter() && lostSinceProgress >= DEAD_AFTER_LOSSES) {
            LOG.debug("link {} dead: {} datagrams lost and no acknowledgement for {} ms (srtt {} ms)", id,
                    lostSinceProgress, (now - lastProgress) / 1_000_000, rtt.smoothed() / 1_000_000);
            markDead();
            return true;
        }
        return false;
    }

    void markDead() {
        dead = true;
        sent.clear();
        control.clear();
        creditDirty.clear();
        for (int i = 0; i < CLASSES; i++) {
            retransmit[i].clear();
            ring[i].clear();
        }
        lossTime = Long.MAX_VALUE;
        pacedUntil = Long.MAX_VALUE;
    }
}
