package io.skywire.node.runtime;

import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.GroupCounters;
import io.skywire.node.group.RouteGroup;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's end of a {@link RouteGroup}: one ordered, reliable byte pipe over several {@link RouteSession}s
 * to the same peer, with the same shape as a single session (send with a future as back-pressure, receive in order,
 * learn when it ended). It is the I/O driver the sans-I/O group needs: member bytes in, frames out to the member
 * routes that have room, a member's end reported to the group so its unacknowledged chunks go out on the others.
 *
 * <p>The group has no timer and learns of a member's loss only from the route, but when a hop dies the two ends
 * learn it at different times: the end next to the dead hop's link at once, the other only when a link on its side
 * is declared dead, and until then chunks it hands that member are lost and the stream stalls behind them. So each
 * member has a tag both ends agree on (its place in the group), and an end that loses a member tells the other on
 * every live member with a MEMBER_LOST notice between group frames ({@link MemberNotices}); the other closes its end.
 * As a second guard, a member that takes no byte for {@code stallMillis} while frames wait for it is closed too.
 *
 * <p>Every method but {@link #send}, {@link #onReceive}, {@link #ended} and {@link #close} must run on the executor
 * given at construction (one thread, such as a Netty event loop); member routes' callbacks are moved there.
 */
public final class RouteGroupSession {

    /** Bytes handed to one member route and not yet taken by its engine; above this the member is full. */
    static final long MAX_UNSENT_PER_MEMBER = 128 * 1024;
    private static final int READ_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RouteGroupSession.class);

    private static final class PendingWrite {
        final byte[] bytes;
        final CompletableFuture<Void> done;
        int offset;

        PendingWrite(byte[] bytes, CompletableFuture<Void> done) {
            this.bytes = bytes;
            this.done = done;
        }
    }

    private static final class Member {
        final RouteSession session;
        final int tag;
        final MemberNotices notices;
        long unsent;
        /** When the member last made progress while bytes waited for it; 0 when none wait. */
        long progressNanos;
        boolean alive = true;
        /** Closed by this end (notice, stall or broken input); its end is on its way. */
        boolean closing;

        Member(RouteSession session, int tag, MemberNotices notices) {
            this.session = session;
            this.tag = tag;
            this.notices = notices;
        }
    }

    private final RouteGroup group;
    private final ScheduledExecutorService loop;
    private final long stallNanos;
    private final Map<RouteHandle, Member> members = new LinkedHashMap<>();
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private final CompletableFuture<FailureReason> ended = new CompletableFuture<>();
    private final ScheduledFuture<?> stallCheck;
    private Consumer<byte[]> receiver;
    private Consumer<RouteGroupSession> memberLostListener = g -> { };
    private int stalled;
    private int noticesReceived;

    /**
     * A group with no members yet; {@link #addMember} the routes.
     *
     * @param loop        the one thread that drives the group
     * @param stallMillis how long a member may take no byte while frames wait for it before it is closed
     */
    public RouteGroupSession(GroupConfig config, ScheduledExecutorService loop, long stallMillis) {
        if (stallMillis < 1) {
            throw new IllegalArgumentException("stallMillis must be positive");
        }
        this.group = new RouteGroup(config);
        this.loop = Objects.requireNonNull(loop, "loop");
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        long every = Math.max(50, stallMillis / 4);
        this.stallCheck = loop.scheduleAtFixedRate(this::closeStalled, every, every, TimeUnit.MILLISECONDS);
    }

    /** Adds a member, tagged {@code tag} (0..255, the same at both ends), that this group reads itself. */
    public void addMember(RouteSession session, int tag) {
        Consumer<byte[]> feed = attach(session, tag);
        session.onReceive(bytes -> loop.execute(() -> feed.accept(bytes)));
    }

    /**
     * Adds a member, tagged {@code tag} (0..255, the same at both ends), whose bytes the caller reads (it may have
     * consumed a header first) and hands to the returned consumer, on this group's executor. The member's end is
     * watched here.
     *
     * @throws IllegalStateException when the group already has {@link RouteGroup#MAX_MEMBERS} members, has a member
     *                               with that tag, or ended
     */
    public Consumer<byte[]> attach(RouteSession session, int tag) {
        if (ended.isDone()) {
            throw new IllegalStateException("the route group has ended");
        }
        if (tag < 0 || tag > 255 || members.values().stream().anyMatch(m -> m.tag == tag)) {
            throw new IllegalStateException("member tag " + tag + " is out of range or taken");
        }
        RouteHandle handle = session.handle();
        group.addMember(handle);
        MemberNotices notices = new MemberNotices(bytes -> group.receive(handle, bytes), this::peerLostMember);
        members.put(handle, new Member(session, tag, notices));
        session.ended().whenComplete((reason, error) -> loop.execute(() -> memberEnded(handle, reason)));
        flush();
        return bytes -> receive(handle, bytes);
    }

    /** Who hears that a member route was lost while others live (on the executor). */
    public void onMemberLost(Consumer<RouteGroupSession> listener) {
        this.memberLostListener = Objects.requireNonNull(listener, "listener");
    }

    /** Members ever added. */
    public int memberCount() {
        return members.size();
    }

    /** Members still alive. */
    public int liveMembers() {
        return group.liveMembers();
    }

    /** Members closed because they took no byte for the stall limit. */
    public int stalledMembers() {
        return stalled;
    }

    /** MEMBER_LOST notices the peer sent. */
    public int noticesReceived() {
        return noticesReceived;
    }

    /** The group's counters. */
    public GroupCounters counters() {
        return group.counters();
    }

    /** Queues bytes for the peer; the future completes when the group took all of them into its send buffer. */
    public CompletableFuture<Void> send(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (ended.isDone()) {
                done.completeExceptionally(new RouteFailedException(ended.join()));
                return;
            }
            writes.addLast(new PendingWrite(copy, done));
            flush();
        });
        return done;
    }

    /** Sets who receives the group's in-order bytes, on the executor. */
    public void onReceive(Consumer<byte[]> newReceiver) {
        Objects.requireNonNull(newReceiver, "newReceiver");
        loop.execute(() -> {
            receiver = newReceiver;
            deliver();
        });
    }

    /** Completes when every member has ended (with the last one's reason) or the group was closed. */
    public CompletableFuture<FailureReason> ended() {
        return ended.copy();
    }

    /** Closes every member route. */
    public void close() {
        loop.execute(() -> {
            members.values().forEach(m -> m.session.close());
            end(FailureReason.CLOSED);
        });
    }

    private void receive(RouteHandle handle, byte[] bytes) {
        Member member = members.get(handle);
        if (ended.isDone() || !member.alive) {
            return;
        }
        try {
            member.notices.feed(bytes);
        } catch (IllegalArgumentException e) {
            LOG.warn("route group member {} broke the notice format, closing it: {}", handle.value(), e.getMessage());
            closeMember(member);
        }
        RouteHandle broken;
        while ((broken = group.pollBrokenMember()) != null) {
            closeMember(members.get(broken));
        }
        deliver();
        flush();
        if (group.isBroken()) {
            end(FailureReason.CLOSED);
        }
    }

    private void peerLostMember(int tag) {
        noticesReceived++;
        for (Member member : members.values()) {
            if (member.tag == tag && member.alive && !member.closing) {
                LOG.info("route group peer lost member {}; closing this end of it", tag);
                closeMember(member);
            }
        }
    }

    private void deliver() {
        if (receiver == null) {
            return;
        }
        // Sized to what is there: this runs for every member payload (about a kilobyte), and a fixed 64 KiB buffer
        // per call allocated fifty times the bytes delivered, which kept the young generation collecting.
        long available;
        while (!ended.isDone() && (available = group.available()) > 0) {
            byte[] bytes = new byte[(int) Math.min(available, READ_BYTES)];
            int n = group.read(bytes, 0, bytes.length);
            receiver.accept(n == bytes.length ? bytes : Arrays.copyOf(bytes, n));
        }
    }

    private void memberEnded(RouteHandle handle, FailureReason reason) {
        Member lost = members.get(handle);
        if (!lost.alive) {
            return;
        }
        lost.alive = false;
        group.memberFailed(handle);
        if (group.isBroken()) {
            end(reason == null ? FailureReason.CLOSED : reason);
            return;
        }
        // Between whole frames: every frame goes out in one send, in order with this one.
        byte[] notice = MemberNotices.memberLost(lost.tag);
        for (Member member : members.values()) {
            if (member.alive) {
                member.session.send(notice);
            }
        }
        flush();
        memberLostListener.accept(this);
    }

    private void closeStalled() {
        long now = System.nanoTime();
        for (Member member : members.values()) {
            if (member.alive && !member.closing && member.unsent > 0 && now - member.progressNanos > stallNanos) {
                stalled++;
                LOG.info("route group member {} took no byte in {} ms; closing it", member.tag,
                        TimeUnit.NANOSECONDS.toMillis(stallNanos));
                closeMember(member);
            }
        }
    }

    /** Its end arrives through the session's ended future, like any other member's failure. */
    private static void closeMember(Member member) {
        member.closing = true;
        member.session.close();
    }

    private void end(FailureReason reason) {
        if (!ended.complete(reason)) {
            return;
        }
        stallCheck.cancel(false);
        RouteFailedException failure = new RouteFailedException(reason);
        PendingWrite pending;
        while ((pending = writes.pollFirst()) != null) {
            pending.done.completeExceptionally(failure);
        }
    }

    /** Moves queued writes into the group's send buffer, then lets the group hand frames to members with room. */
    private void flush() {
        if (ended.isDone()) {
            return;
        }
        PendingWrite head;
        while ((head = writes.peekFirst()) != null) {
            int taken = group.write(head.bytes, head.offset, head.bytes.length - head.offset);
            head.offset += taken;
            if (head.offset < head.bytes.length) {
                break;
            }
            writes.pollFirst();
            head.done.complete(null);
        }
        group.flush(this::offer);
    }

    private boolean offer(RouteHandle handle, byte[] frame) {
        Member member = members.get(handle);
        if (member.unsent > MAX_UNSENT_PER_MEMBER) {
            return false;
        }
        if (member.unsent == 0) {
            member.progressNanos = System.nanoTime();
        }
        member.unsent += frame.length;
        member.session.send(frame).whenComplete((v, error) -> loop.execute(() -> {
            member.unsent -= frame.length;
            if (error == null) {
                member.progressNanos = System.nanoTime();
                group.writable(handle);
                flush();
            }
        }));
        return true;
    }
}
