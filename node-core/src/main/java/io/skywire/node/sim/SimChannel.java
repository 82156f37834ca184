package io.skywire.node.sim;

import io.skywire.node.engine.LinkId;
import java.util.ArrayDeque;

/** One direction of a virtual link: a transmitter that serialises datagrams at its rate, then delay and loss. */
public final class SimChannel {

    final int index;
    final SimNode from;
    final SimNode to;
    final LinkId fromLink;
    final LinkId toLink;
    final int mtu;
    /** Buffers of datagrams delivered or lost, reused for the next ones so that sending allocates nothing. */
    private final ArrayDeque<InFlight> free = new ArrayDeque<>();
    LinkProfile profile;
    boolean busy;
    /** When the last datagram put on this channel will have left the transmitter. */
    long busyUntil = Long.MIN_VALUE;
    /** How much backlog, in transmission time, the channel queues before it stops taking datagrams. */
    long queueNanos;
    long datagrams;
    long bytes;

    /** A datagram on the wire: its buffer and length. */
    static final class InFlight {
        final byte[] buffer;
        int length;

        InFlight(int mtu) {
            this.buffer = new byte[mtu];
        }
    }

    SimChannel(int index, SimNode from, SimNode to, LinkId fromLink, LinkId toLink, LinkProfile profile, int mtu) {
        this.index = index;
        this.mtu = mtu;
        this.from = from;
        this.to = to;
        this.fromLink = fromLink;
        this.toLink = toLink;
        this.profile = profile;
    }

    InFlight take() {
        InFlight datagram = free.pollFirst();
        return datagram != null ? datagram : new InFlight(mtu);
    }

    void recycle(InFlight datagram) {
        free.addFirst(datagram);
    }

    /** The sending node's name for this link. */
    public LinkId fromLink() {
        return fromLink;
    }

    /** This direction's current profile. */
    public LinkProfile profile() {
        return profile;
    }

    /** Changes rate, delay, loss or reachability from now on. */
    public void setProfile(LinkProfile profile) {
        this.profile = profile;
    }

    /**
     * Gives this direction a first-in first-out queue of {@code nanos} of transmission time, like the buffer of a
     * cable modem: the sender may hand it datagrams while the backlog is shorter, and they wait there in order.
     * 0 (the default) is no queue: the sender is asked for a datagram only when the transmitter is free.
     */
    public void setQueueNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("queue must not be negative");
        }
        this.queueNanos = nanos;
    }

    /** Datagrams put on the wire so far (lost or not). */
    public long datagrams() {
        return datagrams;
    }

    /** Bytes put on the wire so far (lost or not). */
    public long bytes() {
        return bytes;
    }
}
