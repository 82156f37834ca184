package io.skywire.node.discovery.lan;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.RecordException;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.identity.NodeId;
import io.skywire.node.limit.SourceLimiter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * LAN discovery without sockets: when to announce this node's record (every interval, jittered so that nodes
 * started together do not announce together, and soon after the record changes), and what to make of a datagram
 * read from the group: rate-limited per sender before anything is decoded, then decoded, then handed on as a
 * {@link Candidate}. Checking the signature and expiry is the record store's job, which counts its refusals.
 */
public final class LanDiscovery {

    /** After a record change or at start: announce within this time (jittered), not at once in lockstep. */
    static final long FIRST_ANNOUNCE_MAX_NANOS = 250_000_000L;

    /**
     * A node heard on the LAN.
     *
     * @param record      its record, decoded but not yet verified
     * @param dialAddress where to dial it: the record's UDP address on the sender's IP if it lists one, else the
     *                    sender's IP with the record's UDP port (a node bound to every interface lists several);
     *                    null when the record has no UDP address
     */
    public record Candidate(NodeRecord record, InetSocketAddress dialAddress) {
    }

    private final NodeId self;
    private final long intervalNanos;
    private final RandomGenerator random;
    private final SourceLimiter<InetAddress> limiter;
    private final long[] counters = new long[LanCounter.values().length];
    private byte[] announcement;
    private long nextAnnounceAt = Long.MAX_VALUE;

    /**
     * @param self          this node, whose looped-back announcements are ignored
     * @param intervalNanos mean time between announcements
     * @param random        jitter source
     * @param limiter       per-sender and global rate limits on received datagrams
     */
    public LanDiscovery(NodeId self, long intervalNanos, RandomGenerator random, SourceLimiter<InetAddress> limiter) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.self = Objects.requireNonNull(self, "self");
        this.intervalNanos = intervalNanos;
        this.random = Objects.requireNonNull(random, "random");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** This node's record changed (or is first known): announce the new one soon. */
    public void recordChanged(long now, NodeRecord record) {
        announcement = LanAnnouncement.encode(record);
        nextAnnounceAt = Math.min(nextAnnounceAt, now + random.nextLong(FIRST_ANNOUNCE_MAX_NANOS + 1));
    }

    /** When {@link #pollAnnouncement} has something next (Long.MAX_VALUE before the first record). */
    public long nextTimeout() {
        return nextAnnounceAt;
    }

    /** The announcement to multicast now, or null when none is due; each one schedules the next. */
    public byte[] pollAnnouncement(long now) {
        if (announcement == null || now < nextAnnounceAt) {
            return null;
        }
        long quarter = intervalNanos / 4;
        nextAnnounceAt = now + intervalNanos - quarter + random.nextLong(2 * quarter + 1);
        counters[LanCounter.SENT.ordinal()]++;
        return announcement.clone();
    }

    /** Reads one datagram from the group; null (and counted) unless it is another node's announcement. */
    public Candidate onDatagram(long now, InetSocketAddress from, byte[] datagram) {
        count(LanCounter.RECEIVED);
        if (!limiter.allow(from.getAddress(), now)) {
            count(LanCounter.RATE_LIMITED);
            return null;
        }
        NodeRecord record;
        try {
            record = LanAnnouncement.decode(datagram);
        } catch (LanDecodeException e) {
            count(e.reason());
            return null;
        } catch (RecordException e) {
            count(LanCounter.BAD_RECORD);
            return null;
        }
        if (record.nodeKey().equals(self)) {
            count(LanCounter.OWN);
            return null;
        }
        count(LanCounter.CANDIDATES);
        return new Candidate(record, dialAddress(record, from.getAddress()));
    }

    /** See {@link Candidate#dialAddress()}. */
    static InetSocketAddress dialAddress(NodeRecord record, InetAddress source) {
        byte[] ip = source.getAddress();
        TransportAddress sameFamily = null;
        for (TransportAddress address : record.addresses()) {
            boolean udp = address.kind() == TransportAddress.Kind.UDP4 || address.kind() == TransportAddress.Kind.UDP6;
            if (!udp || address.kind().addressBytes() != ip.length) {
                continue;
            }
            if (Arrays.equals(address.address(), ip)) {
                return address.toInetSocketAddress();
            }
            if (sameFamily == null) {
                sameFamily = address;
            }
        }
        return sameFamily == null ? null : new InetSocketAddress(source, sameFamily.port());
    }

    /** Counts by reason. */
    public Map<LanCounter, Long> counters() {
        Map<LanCounter, Long> copy = new EnumMap<>(LanCounter.class);
        for (LanCounter counter : LanCounter.values()) {
            copy.put(counter, counters[counter.ordinal()]);
        }
        return copy;
    }

    private void count(LanCounter counter) {
        counters[counter.ordinal()]++;
    }
}
