package io.skywire.node.runtime;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a node's incoming routes: each route goes to the handler registered for its first byte, its
 * <em>kind</em> (docs/PROTOCOL.md 8.1: stream frames and JOIN for a gateway's exit, {@code 0x11} for services,
 * {@code 0x12} for IP tunnels), so one node can be a gateway and run services at once. A route whose kind nobody
 * serves is closed and counted; registering a kind that is taken is an error, so two owners never race for a route.
 * Routes are dispatched on the node's event loop; registrations may come from any thread.
 */
public final class RouteDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RouteDispatcher.class);
    private static final int KINDS = 256;

    /** A kind's registration: closing it stops serving the kind (later routes of it are refused). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicReferenceArray<Consumer<RouteSession>> handlers = new AtomicReferenceArray<>(KINDS);
    private final AtomicLongArray counts = new AtomicLongArray(RouteKindCounter.values().length);

    /**
     * Routes whose first byte is {@code kind} go to {@code handler}, on the event loop, from now on. The handler gets
     * the session before any of its bytes: the receiver it sets gets every byte from the first (the kind included).
     * Callers go through {@link NodeRuntime#serveRouteKind}, which also keeps kinds and a raw listener apart.
     *
     * @throws IllegalStateException when another handler already serves {@code kind}
     */
    Registration register(int kind, Consumer<RouteSession> handler) {
        if (kind < 0 || kind >= KINDS) {
            throw new IllegalArgumentException("a route kind is one byte: " + kind);
        }
        Objects.requireNonNull(handler, "handler");
        if (!handlers.compareAndSet(kind, null, handler)) {
            throw new IllegalStateException(String.format("route kind 0x%02x is already served on this node", kind));
        }
        return () -> handlers.compareAndSet(kind, handler, null);
    }

    /** Whether some handler serves {@code kind} now. */
    public boolean serves(int kind) {
        return kind >= 0 && kind < KINDS && handlers.get(kind) != null;
    }

    /** How many incoming routes were dispatched and refused, by outcome. */
    public Map<RouteKindCounter, Long> counters() {
        Map<RouteKindCounter, Long> snapshot = new EnumMap<>(RouteKindCounter.class);
        for (RouteKindCounter counter : RouteKindCounter.values()) {
            snapshot.put(counter, counts.get(counter.ordinal()));
        }
        return snapshot;
    }

    /** A route that ends here, on the event loop: its first payload decides who gets it. */
    void accept(RouteSession session) {
        session.onReceive(new Consumer<>() {
            private boolean decided;

            @Override
            public void accept(byte[] payload) {
                if (decided || payload.length == 0) {
                    return; // after a refusal nothing is read; an empty payload tells no kind
                }
                decided = true;
                dispatch(session, payload);
            }
        });
    }

    private void dispatch(RouteSession session, byte[] first) {
        int kind = first[0] & 0xff;
        Consumer<RouteSession> handler = handlers.get(kind);
        if (handler == null) {
            refuse(session, RouteKindCounter.UNKNOWN_KIND, String.format("no one serves route kind 0x%02x", kind));
            return;
        }
        session.unread(first);
        try {
            handler.accept(session);
            increment(RouteKindCounter.DISPATCHED);
        } catch (RuntimeException e) {
            LOG.warn("the handler of route kind 0x{} failed on route {}", Integer.toHexString(kind),
                    session.handle().value(), e);
            refuse(session, RouteKindCounter.HANDLER_FAILED, e.toString());
        }
    }

    private void refuse(RouteSession session, RouteKindCounter counter, String why) {
        increment(counter);
        LOG.debug("refusing route {}: {}", session.handle().value(), why);
        session.closeNow();
    }

    private void increment(RouteKindCounter counter) {
        counts.incrementAndGet(counter.ordinal());
    }
}
