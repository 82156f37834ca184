package io.skywire.node.gateway;

import io.skywire.node.runtime.RouteSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's first look at an incoming route: reads whether it starts with a {@link GroupJoin} and hands the rest
 * of its bytes on, in order, to whoever then serves it (its own stream layer, or the route group it joined). Bytes
 * that arrive before that is decided are held, up to {@link #MAX_HELD_BYTES}. Runs on the exit loop.
 */
final class RouteIntake {

    /** What the gateway does with a route once its first bytes are read. */
    interface Decider {
        /** No join: the route carries streams on its own. */
        void single(RouteIntake route);

        /** A valid join. */
        void joined(RouteIntake route, GroupJoin join);

        /** Bytes that are not a join, or too many held; the route is already closed. */
        void malformed(RouteIntake route, String why);
    }

    /** Bytes held for a route whose place is not yet decided (a parked member sends ahead). */
    static final int MAX_HELD_BYTES = 1 << 20;

    private final RouteSession session;
    private final Decider decider;
    private byte[] head = new byte[0];
    private boolean decided;
    private boolean refused;
    private List<byte[]> held = new ArrayList<>();
    private long heldBytes;
    private Consumer<byte[]> downstream;

    RouteIntake(RouteSession session, Decider decider) {
        this.session = session;
        this.decider = decider;
    }

    RouteSession session() {
        return session;
    }

    /** Bytes that arrived on the route, in order. */
    void bytes(byte[] bytes) {
        if (refused) {
            return;
        }
        if (downstream != null) {
            downstream.accept(bytes);
            return;
        }
        if (decided) {
            hold(bytes);
            return;
        }
        byte[] joined = Arrays.copyOf(head, head.length + bytes.length);
        System.arraycopy(bytes, 0, joined, head.length, bytes.length);
        head = joined;
        if (head.length == 0) {
            return;
        }
        if ((head[0] & 0xff) != GroupJoin.TYPE) {
            decided = true;
            hold(head);
            head = null;
            decider.single(this);
            return;
        }
        if (head.length < GroupJoin.BYTES) {
            return;
        }
        decided = true;
        GroupJoin join;
        try {
            join = GroupJoin.decode(head);
        } catch (IllegalArgumentException e) {
            refuse();
            decider.malformed(this, e.getMessage());
            return;
        }
        if (head.length > GroupJoin.BYTES) {
            hold(Arrays.copyOfRange(head, GroupJoin.BYTES, head.length));
        }
        head = null;
        decider.joined(this, join);
    }

    private void hold(byte[] bytes) {
        if (refused) {
            return;
        }
        heldBytes += bytes.length;
        if (heldBytes > MAX_HELD_BYTES) {
            refuse();
            decider.malformed(this, "more than " + MAX_HELD_BYTES + " bytes before the route had its place");
            return;
        }
        held.add(bytes);
    }

    /** From now on the route's bytes, held ones first, go to {@code consumer}. */
    void feed(Consumer<byte[]> consumer) {
        if (refused) {
            return;
        }
        downstream = consumer;
        List<byte[]> earlier = held;
        held = null;
        earlier.forEach(consumer);
    }

    String label() {
        return "route " + session.handle().value();
    }

    /** Closes the route; nothing more is read from it. */
    void refuse() {
        refused = true;
        held = List.of();
        session.close();
    }

    /** The route as a single-route tunnel: its bytes, held ones first, go to the stream layer. */
    TunnelPipe asPipe() {
        return TunnelPipe.of(session, this::feed);
    }
}
