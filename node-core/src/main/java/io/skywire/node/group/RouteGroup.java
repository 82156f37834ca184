package io.skywire.node.group;

import io.skywire.node.engine.RouteHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical, ordered, reliable byte pipe in each direction over several routes to the same peer: the design's
 * two cable modems. Sans-I/O like the engine: the driver reports member routes, their bytes, their failures and
 * their back-pressure, and calls {@link #flush} to let the group hand frames to the members that have room.
 * Every route is itself reliable and ordered, so a chunk is lost only with a member that fails; the group then
 * sends it again on the others (or the receiver rebuilds it from parity), and the connection lives on as long
 * as one member does. No clock is needed. Hostile input is counted in {@link #counters()}, never thrown; a member
 * whose bytes do not parse is dropped and reported by {@link #pollBrokenMember()} so the driver closes it.
 * Not thread-safe: one thread drives it.
 */
public final class RouteGroup {

    /** Most member routes in one group. */
    public static final int MAX_MEMBERS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(RouteGroup.class);

    private static final class Member {
        final RouteHandle handle;
        final int index;
        final GroupFrameReader reader = new GroupFrameReader();
        boolean alive = true;
        boolean blocked;

        Member(RouteHandle handle, int index) {
            this.handle = handle;
            this.index = index;
        }
    }

    private final GroupConfig config;
    private final GroupCounters counters = new GroupCounters();
    private final GroupSender sender;
    private final ReorderBuffer receiver;
    private final StripeRebuilder rebuilder;
    private final List<Member> members = new ArrayList<>();
    private final ArrayDeque<RouteHandle> broken = new ArrayDeque<>();
    private long liveMask;
    private int rotation;

    public RouteGroup(GroupConfig config) {
        this.config = config;
        this.sender = new GroupSender(config, counters);
        this.receiver = new ReorderBuffer(config.receiveWindowChunks(), counters);
        this.rebuilder = new StripeRebuilder(counters);
    }

    /** Counters of traffic, recoveries and refused input. */
    public GroupCounters counters() {
        return counters;
    }

    /**
     * Adds an established route to the same peer as a member.
     *
     * @throws IllegalStateException    when the group already has {@link #MAX_MEMBERS} members
     * @throws IllegalArgumentException when the route is already a member
     */
    public void addMember(RouteHandle route) {
        if (find(route) != null) {
            throw new IllegalArgumentException("route " + route.value() + " is already a member");
        }
        if (members.size() >= MAX_MEMBERS) {
            throw new IllegalStateException("a route group has at most " + MAX_MEMBERS + " members");
        }
        Member member = new Member(route, members.size());
        members.add(member);
        liveMask |= 1L << member.index;
    }

    /** Member routes still alive. */
    public int liveMembers() {
        return Long.bitCount(liveMask);
    }

    /** Whether every member has failed: the connection is lost. */
    public boolean isBroken() {
        return !members.isEmpty() && liveMask == 0;
    }

    /** A member route failed or closed; what it carried unacknowledged goes out again on the others. */
    public void memberFailed(RouteHandle route) {
        Member member = find(route);
        if (member == null || !member.alive) {
            return;
        }
        member.alive = false;
        liveMask &= ~(1L << member.index);
        counters.increment(GroupCounter.MEMBERS_FAILED);
        sender.memberFailed(liveMask);
        receiver.solicitAck();
    }

    /** A member blocked by back-pressure can take frames again. */
    public void writable(RouteHandle route) {
        Member member = find(route);
        if (member != null) {
            member.blocked = false;
        }
    }

    /** A member whose input broke the protocol, for the driver to close; null when there is none. */
    public RouteHandle pollBrokenMember() {
        return broken.pollFirst();
    }

    /** Takes up to {@code length} bytes to send; returns how many (0 when the send buffer is full). */
    public int write(byte[] bytes, int offset, int length) {
        return sender.write(bytes, offset, length);
    }

    /** Whether the peer has acknowledged every byte written so far (nothing buffered, nothing in flight). */
    public boolean allAcknowledged() {
        return sender.bufferedBytes() == 0 && sender.unackedChunks() == 0;
    }

    /** In-order bytes ready to read. */
    public long available() {
        return receiver.available();
    }

    /**
     * Reads up to {@code length} in-order bytes; returns how many. Call {@link #flush} afterwards: reading opens the
     * window, and the peer learns of it only from the ACK that flush sends.
     */
    public int read(byte[] into, int offset, int length) {
        return receiver.read(into, offset, length);
    }

    /** Bytes that arrived on a member route; call {@link #flush} afterwards to send what they made due. */
    public void receive(RouteHandle route, byte[] bytes) {
        Member member = find(route);
        if (member == null || !member.alive) {
            return;
        }
        List<GroupFrame> frames;
        try {
            frames = member.reader.feed(bytes);
        } catch (GroupProtocolException e) {
            counters.increment(GroupCounter.FRAMES_MALFORMED);
            LOG.warn("route group member {} sent a malformed frame, dropping it: {}", route.value(), e.getMessage());
            memberFailed(route);
            broken.addLast(route);
            return;
        }
        for (GroupFrame frame : frames) {
            handle(frame);
        }
    }

    private void handle(GroupFrame frame) {
        if (frame instanceof GroupFrame.Data data) {
            if (receiver.accept(data.seq(), data.bytes()) && data.stripeCount() > 0) {
                deliverRebuilt(rebuilder.onData(data.seq(), data.stripeCount(), data.stripeIndex(), data.bytes(),
                        receiver));
            }
            rebuilder.forgetBelow(receiver.nextExpected());
        } else if (frame instanceof GroupFrame.Parity parity) {
            deliverRebuilt(rebuilder.onParity(parity, receiver));
        } else {
            GroupFrame.Ack ack = (GroupFrame.Ack) frame;
            sender.onAck(ack);
            if (ack.solicit()) {
                receiver.requestAck();
            }
        }
    }

    private void deliverRebuilt(StripeRebuilder.Rebuilt rebuilt) {
        if (rebuilt != null && receiver.acceptRebuilt(rebuilt.seq(), rebuilt.bytes())) {
            counters.increment(GroupCounter.CHUNKS_REBUILT);
            rebuilder.forgetBelow(receiver.nextExpected());
        }
    }

    /**
     * Hands frames to members until none can take more or nothing is left: the pending ACK first, then chunks,
     * one frame per member in turn, so that members that take more (faster routes) carry more.
     */
    public void flush(MemberSink sink) {
        GroupFrame.Ack ack = receiver.takeAck();
        byte[] ackBytes = ack == null ? null : GroupCodec.encode(ack);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get((rotation + i) % members.size());
                if (!member.alive || member.blocked) {
                    continue;
                }
                if (ackBytes != null) {
                    if (offer(sink, member, ackBytes)) {
                        counters.increment(GroupCounter.ACKS_SENT);
                        ackBytes = null;
                        progress = true;
                    }
                    continue;
                }
                GroupSender.Outgoing frame = sender.next(member.index, liveMask);
                if (frame != null && offer(sink, member, frame.bytes())) {
                    sender.commit(frame, member.index);
                    progress = true;
                }
            }
            rotation = members.isEmpty() ? 0 : (rotation + 1) % members.size();
        }
        if (ackBytes != null) {
            // No member could take it now; the next flush sends a fresh one (asking again if this one asked).
            if (ack.solicit()) {
                receiver.solicitAck();
            } else {
                receiver.requestAck();
            }
        }
    }

    private static boolean offer(MemberSink sink, Member member, byte[] frame) {
        if (sink.offer(member.handle, frame)) {
            return true;
        }
        member.blocked = true;
        return false;
    }

    private Member find(RouteHandle route) {
        for (Member member : members) {
            if (member.handle.equals(route)) {
                return member;
            }
        }
        return null;
    }
}
