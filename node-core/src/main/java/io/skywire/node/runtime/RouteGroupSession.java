package io.skywire.node.runtime;

import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.GroupCounters;
import io.skywire.node.group.RouteGroup;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The application's end of a {@link RouteGroup}: one ordered, reliable byte pipe over several {@link RouteSession}s
 * to the same peer, with the same shape as a single session (send with a future as back-pressure, receive in order,
 * learn when it ended). It is the I/O driver the sans-I/O group needs: member bytes in, frames out to the member
 * routes that have room, a member's end reported to the group so its unacknowledged chunks go out on the others.
 *
 * <p>Every method but {@link #send}, {@link #onReceive}, {@link #ended} and {@link #close} must run on the executor
 * given at construction (one thread, such as a Netty event loop); member routes' callbacks are moved there.
 */
public final class RouteGroupSession {

    /** Bytes handed to one member route and not yet taken by its engine; above this the member is full. */
    static final long MAX_UNSENT_PER_MEMBER = 128 * 1024;
    private static final int READ_BYTES = 64 * 1024;

    private static final class PendingWrite {
        final byte[] bytes;
        final CompletableFuture<Void> done;
        int offset;

        PendingWrite(byte[] bytes, CompletableFuture<Void> done) {
            this.bytes = bytes;
            this.done = done;
        }
    }

    private final RouteGroup group;
    private final Executor loop;
    private final Map<RouteHandle, RouteSession> sessions = new HashMap<>();
    private final Map<RouteHandle, Long> unsent = new HashMap<>();
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private final CompletableFuture<FailureReason> ended = new CompletableFuture<>();
    private Consumer<byte[]> receiver;
    private Consumer<RouteGroupSession> memberLostListener = g -> { };
    private int members;

    /** A group with no members yet; {@link #addMember} the routes. */
    public RouteGroupSession(GroupConfig config, Executor loop) {
        this.group = new RouteGroup(config);
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** Adds a member that this group reads itself. */
    public void addMember(RouteSession session) {
        Consumer<byte[]> feed = attach(session);
        session.onReceive(bytes -> loop.execute(() -> feed.accept(bytes)));
    }

    /**
     * Adds a member whose bytes the caller reads (it may have consumed a header first) and hands to the returned
     * consumer, on this group's executor. The member's end is watched here.
     *
     * @throws IllegalStateException when the group already has {@link RouteGroup#MAX_MEMBERS} members or ended
     */
    public Consumer<byte[]> attach(RouteSession session) {
        if (ended.isDone()) {
            throw new IllegalStateException("the route group has ended");
        }
        RouteHandle handle = session.handle();
        group.addMember(handle);
        members++;
        sessions.put(handle, session);
        unsent.put(handle, 0L);
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
        return members;
    }

    /** Members still alive. */
    public int liveMembers() {
        return group.liveMembers();
    }

    /** The group's counters (read them on the executor). */
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
            sessions.values().forEach(RouteSession::close);
            end(FailureReason.CLOSED);
        });
    }

    private void receive(RouteHandle handle, byte[] bytes) {
        if (ended.isDone()) {
            return;
        }
        group.receive(handle, bytes);
        RouteHandle broken;
        while ((broken = group.pollBrokenMember()) != null) {
            RouteSession session = sessions.get(broken);
            if (session != null) {
                session.close();
            }
        }
        deliver();
        flush();
        if (group.isBroken()) {
            end(FailureReason.CLOSED);
        }
    }

    private void deliver() {
        if (receiver == null) {
            return;
        }
        byte[] buffer = new byte[READ_BYTES];
        int n;
        while (!ended.isDone() && (n = group.read(buffer, 0, buffer.length)) > 0) {
            receiver.accept(Arrays.copyOf(buffer, n));
        }
    }

    private void memberEnded(RouteHandle handle, FailureReason reason) {
        int before = group.liveMembers();
        group.memberFailed(handle);
        if (group.isBroken()) {
            end(reason == null ? FailureReason.CLOSED : reason);
            return;
        }
        flush();
        if (group.liveMembers() < before) {
            memberLostListener.accept(this);
        }
    }

    private void end(FailureReason reason) {
        if (!ended.complete(reason)) {
            return;
        }
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
        long queued = unsent.get(handle);
        if (queued > MAX_UNSENT_PER_MEMBER) {
            return false;
        }
        unsent.put(handle, queued + frame.length);
        sessions.get(handle).send(frame).whenComplete((v, error) -> loop.execute(() -> {
            unsent.merge(handle, (long) -frame.length, Long::sum);
            if (error == null) {
                group.writable(handle);
                flush();
            }
        }));
        return true;
    }
}
