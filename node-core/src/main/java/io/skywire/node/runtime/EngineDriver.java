package io.skywire.node.runtime;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.LinkId;
import io.skywire.node.engine.NodeEngine;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link NodeEngine} on one Netty event loop: every engine call happens on that loop, so the
 * engine needs no locks. After each input it hands events to route sessions, pulls datagrams for every
 * link that has room, and re-arms the single engine timer from {@link NodeEngine#nextTimeout()}.
 */
final class EngineDriver {

    private static final Logger LOG = LoggerFactory.getLogger(EngineDriver.class);
    /** Two links to one neighbour completed this close together crossed; older ones are stale and replaced. */
    private static final long CROSSING_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long READ_TIMEOUT_SECONDS = 5;

    private record Attached(LinkPort port, long since) {
    }

    /** Told of every link the engine gains or loses (discovery: peer exchange runs between linked neighbours). */
    interface LinkObserver {
        void linkUp(NodeId peer, LinkPort port);

        void linkDown(NodeId peer, LinkPort port);
    }

    private static final LinkObserver NO_OBSERVER = new LinkObserver() {
        @Override
        public void linkUp(NodeId peer, LinkPort port) {
        }

        @Override
        public void linkDown(NodeId peer, LinkPort port) {
        }
    };

    private final NodeEngine engine;
    private final EventLoop loop;
    private final NodeId self;
    private final Map<LinkId, Attached> links = new HashMap<>();
    private final Map<NodeId, LinkId> linkByPeer = new HashMap<>();
    private final Map<NodeId, List<CompletableFuture<Void>>> linkWaiters = new HashMap<>();
    private final Map<RouteHandle, RouteSession> sessions = new HashMap<>();
    private final Map<RouteHandle, CompletableFuture<RouteSession>> opening = new HashMap<>();
    /** Set from any thread: a listener queued as a loop task could run after a route that arrived meanwhile. */
    private volatile Consumer<RouteSession> incoming = session -> { };
    private LinkObserver observer = NO_OBSERVER;
    private volatile Consumer<NodeEvent.Metering> metering = report -> { };
    private int nextLinkId;
    /** Each link's capacity and forwarding cap, applied as the link comes up; set before the first link. */
    private LinkShares linkShares = LinkShares.NONE;
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private boolean flushing;
    private boolean flushAgain;
    /** A flush task is queued behind the current loop turn's reads; see {@link #onDatagram}. */
    private boolean flushQueued;
    private final Runnable queuedFlush = this::runQueuedFlush;

    EngineDriver(NodeEngine engine, EventLoop loop, NodeId self) {
        this.engine = engine;
        this.loop = loop;
        this.self = self;
    }

    EventLoop loop() {
        return loop;
    }

    NodeEngine engine() {
        return engine;
    }

    NodeId self() {
        return self;
    }

    /**
     * Runs {@code call} on the loop and returns its result, for callers on other threads that read or change the
     * node's state (at once on the loop); waits at most {@link #READ_TIMEOUT_SECONDS}.
     */
    <T> T onLoop(Supplier<T> call) {
        if (loop.inEventLoop()) {
            return call.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(call.get()));
        try {
            return result.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the node's state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the node's event loop did not answer", e);
        }
    }

    /** Sets the capacity and forwarding cap of the links that come up from now on. */
    void shareLinks(LinkShares shares) {
        this.linkShares = shares;
    }

    /** Sets who hears of links coming and going; call on the loop before the first link. */
    void observeLinks(LinkObserver linkObserver) {
        this.observer = linkObserver;
    }

    /** The peers this node has a link to now. */
    java.util.Set<NodeId> linkedPeers() {
        return java.util.Set.copyOf(linkByPeer.keySet());
    }

    boolean hasLink(NodeId peer) {
        return linkByPeer.containsKey(peer);
    }

    static long now() {
        return System.nanoTime();
    }

    /**
     * Gives an authenticated link to the engine, or refuses it (null) when it loses to a link to the same
     * neighbour: a link that crossed ours keeps the one whose initiator has the smaller key, so both sides
     * keep the same one; otherwise the newer link replaces a stale one (the neighbour restarted).
     */
    LinkId attach(LinkPort port, int mtu, long rttHintNanos) {
        NodeId peer = port.peer();
        LinkId existing = linkByPeer.get(peer);
        if (existing != null) {
            Attached old = links.get(existing);
            boolean crossing = !old.port().initiator().equals(port.initiator())
                    && now() - old.since() < CROSSING_WINDOW_NANOS;
            if (crossing && compare(old.port().initiator(), port.initiator()) < 0) {
                LOG.debug("keeping {} over the crossing {}", old.port().describe(), port.describe());
                return null;
            }
            LOG.info("link {} replaces {}", port.describe(), old.port().describe());
            detach(existing);
            old.port().detached();
        }
        LinkId id = new LinkId(nextLinkId++);
        engine.addLink(id, peer.key(), mtu, rttHintNanos);
        engine.shareLink(id, linkShares.forPeer(peer));
        links.put(id, new Attached(port, now()));
        linkByPeer.put(peer, id);
        LOG.info("link {} up to {} (MTU {})", port.describe(), peer.fingerprint(), mtu);
        observer.linkUp(peer, port);
        List<CompletableFuture<Void>> waiters = linkWaiters.remove(peer);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(null));
        }
        afterInput();
        return id;
    }

    /**
     * Makes an established route end a virtual link to {@code peer}: the engine carries the link's datagrams
     * inside the route, so no port is attached and the pull loop never sees it.
     */
    LinkId addVirtualLink(RouteHandle route, NodeId peer) {
        LinkId id = new LinkId(nextLinkId++);
        engine.addVirtualLink(now(), id, route, peer.key());
        LOG.info("route {} is now a link to {}", route.value(), peer.fingerprint());
        afterInput();
        return id;
    }

    /** The transport lost a link (closed, replaced): its routes fail with LINK_DOWN. */
    void detach(LinkId id) {
        Attached attached = links.remove(id);
        if (attached == null) {
            return;
        }
        linkByPeer.remove(attached.port().peer(), id);
        engine.removeLink(now(), id);
        LOG.info("link {} down", attached.port().describe());
        observer.linkDown(attached.port().peer(), attached.port());
        afterInput();
    }

    /**
     * Hands a datagram to the engine and answers it once per event-loop turn, not once per datagram: the
     * loop reads a whole batch of ready datagrams before it runs its tasks, so one flush queued behind the
     * batch acknowledges all of it with one ACK and forwards what it made sendable in full datagrams. Flushing
     * after every datagram sent an ACK-only datagram per datagram received (each one sealed, written, read
     * and opened again by the peer), which on a busy host cost more than the data itself.
     */
    void onDatagram(LinkId id, byte[] datagram) {
        engine.handleDatagram(now(), id, datagram);
        requestFlush();
    }

    /** Runs {@link #afterInput} once after everything the loop is handling in this turn. */
    void requestFlush() {
        if (!flushQueued) {
            flushQueued = true;
            loop.execute(queuedFlush);
        }
    }

    private void runQueuedFlush() {
        flushQueued = false;
        afterInput();
    }

    /** A port has room again (writable, tokens refilled, key rotated). */
    void pump(LinkId id) {
        Attached attached = links.get(id);
        if (attached != null) {
            pump(id, attached.port(), now());
        }
    }

    CompletableFuture<Void> linkUp(NodeId peer) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        if (linkByPeer.containsKey(peer)) {
            up.complete(null);
        } else {
            linkWaiters.computeIfAbsent(peer, key -> new ArrayList<>()).add(up);
        }
        return up;
    }

    int linkCount() {
        return links.size();
    }

    /** A session closed locally: the engine will not report it again. */
    void forget(RouteHandle handle) {
        sessions.remove(handle);
    }

    void onIncoming(Consumer<RouteSession> listener) {
        this.incoming = listener;
    }

    void onMetering(Consumer<NodeEvent.Metering> listener) {
        this.metering = listener;
    }

    void openRoute(RouteSpec spec, CompletableFuture<RouteSession> result) {
        RouteHandle handle = engine.openRoute(now(), spec);
        opening.put(handle, result);
        afterInput();
    }

    /** Called by sessions after they touched the engine. */
    void afterInput() {
        if (flushing) {
            flushAgain = true;
            return;
        }
        flushing = true;
        try {
            do {
                flushAgain = false;
                drainEvents();
                long now = now();
                for (Map.Entry<LinkId, Attached> entry : new ArrayList<>(links.entrySet())) {
                    pump(entry.getKey(), entry.getValue().port(), now);
                }
            } while (flushAgain);
        } finally {
            flushing = false;
        }
        armTimer();
    }

    private void pump(LinkId id, LinkPort port, long now) {
        boolean wrote = false;
        while (port.ready(now)) {
            byte[] datagram = engine.pollTransmit(now, id);
            if (datagram == null) {
                break;
            }
            port.transmit(datagram);
            wrote = true;
        }
        if (wrote) {
            port.flush();
        }
    }

    private void drainEvents() {
        NodeEvent event;
        while ((event = engine.pollEvent()) != null) {
            dispatch(event);
        }
    }

    private void dispatch(NodeEvent event) {
        if (event instanceof NodeEvent.RouteEstablished established) {
            CompletableFuture<RouteSession> pending = opening.remove(established.route());
            RouteSession session = new RouteSession(this, established.route());
            sessions.put(established.route(), session);
            LOG.info("route {} established", established.route().value());
            if (pending == null || !pending.complete(session)) {
                // Nobody waits for it any more: do not leave an orphan route holding buffers along the path.
                session.closeNow();
            }
        } else if (event instanceof NodeEvent.RouteFailed failed) {
            LOG.warn("route {} failed: {}", failed.route().value(), failed.reason());
            CompletableFuture<RouteSession> pending = opening.remove(failed.route());
            if (pending != null) {
                pending.completeExceptionally(new RouteFailedException(failed.reason()));
            }
            RouteSession session = sessions.remove(failed.route());
            if (session != null) {
                session.ended(failed.reason());
            }
        } else if (event instanceof NodeEvent.RouteClosed closed) {
            LOG.info("route {} closed: {}", closed.route().value(), closed.reason());
            RouteSession session = sessions.remove(closed.route());
            if (session != null) {
                session.ended(closed.reason());
            }
        } else if (event instanceof NodeEvent.RouteIncoming arrived) {
            RouteSession session = new RouteSession(this, arrived.route());
            sessions.put(arrived.route(), session);
            LOG.info("route {} arrived", arrived.route().value());
            incoming.accept(session);
        } else if (event instanceof NodeEvent.Delivered delivered) {
            RouteSession session = sessions.get(delivered.route());
            if (session != null) {
                session.deliver(delivered.payload());
            }
        } else if (event instanceof NodeEvent.Writable writable) {
            RouteSession session = sessions.get(writable.route());
            if (session != null) {
                session.drain();
            }
        } else if (event instanceof NodeEvent.LinkDown down) {
            Attached attached = links.remove(down.link());
            if (attached != null) {
                linkByPeer.remove(attached.port().peer(), down.link());
                LOG.warn("link {} stopped acknowledging; dropped", attached.port().describe());
                observer.linkDown(attached.port().peer(), attached.port());
                attached.port().detached();
            } else {
                LOG.info("virtual link {} down", down.link().value());
            }
        } else if (event instanceof NodeEvent.Metering report) {
            metering.accept(report);
        }
    }

    private void armTimer() {
        long next = engine.nextTimeout();
        if (next == Long.MAX_VALUE || (timer != null && timerAt <= next)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = next;
        timer = loop.schedule(this::onTimer, Math.max(0, next - now()), TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        timer = null;
        timerAt = Long.MAX_VALUE;
        engine.handleTimeout(now());
        afterInput();
    }

    /** Closes every route and drops every link, for a graceful stop. */
    void shutdown() {
        for (RouteSession session : new ArrayList<>(sessions.values())) {
            session.closeNow();
        }
        for (LinkId id : new ArrayList<>(links.keySet())) {
            Attached attached = links.get(id);
            detach(id);
            attached.port().detached();
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        RouteFailedException stopped = new RouteFailedException(FailureReason.CLOSED);
        opening.values().forEach(pending -> pending.completeExceptionally(stopped));
        opening.clear();
    }

    private static int compare(NodeId a, NodeId b) {
        return Arrays.compareUnsigned(a.key(), b.key());
    }
}
