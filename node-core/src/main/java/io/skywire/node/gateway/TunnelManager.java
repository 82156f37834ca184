package io.skywire.node.gateway;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamCodec;
import io.skywire.node.stream.StreamTarget;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the client connected to the best working gateway. It picks gateways with {@link GatewayChooser}, opens a
 * route to one, probes it end to end ({@link HealthTracker}: a PING through the route every interval, a burst of
 * large PINGs once for throughput) and reports the truth as {@link TunnelStatus}. A gateway reached over several
 * node-disjoint paths gets one route per path joined into a route group ({@link TunnelRoutes}): losing a member route
 * breaks no connection and only degrades the tunnel; it fails when the last member is gone. When the tunnel fails
 * it moves to the next gateway: only connections on the dead tunnel break; new ones go through the new one. While no
 * gateway works, requests are refused (kill switch on) or go direct (kill switch off).
 *
 * <p>The user may override the choice: {@link #choose} pins one gateway (the tunnel moves to it and stays with it,
 * retrying it when it fails, until {@link #auto} hands the choice back to the chooser), {@link #disconnect} turns the
 * tunnel off ({@link TunnelState#DISCONNECTED}; none is sought until the user connects again), and {@link #speedTest}
 * measures any gateway over its own routes. Each such action starts a new generation, so a route still being set up
 * for an earlier choice is closed when it arrives instead of being adopted.
 *
 * <p>Everything but {@link #status()} and the listeners runs on the proxy's event loop.
 */
final class TunnelManager implements TunnelConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelManager.class);
    private static final long ROUTE_SETUP_SECONDS = 20;
    /** A speed test whose burst is unanswered this long after its route is up fails. */
    static final long SPEED_TEST_SECONDS = 20;

    private final NodeRuntime node;
    private final RouteOpener opener;
    /** Replaced whole by {@link #updateCandidates} (on the loop); read on the loop, or by start() before it runs. */
    private volatile List<GatewayCandidate> candidates;
    private final Map<GatewayCandidate, GatewayStats> stats = new HashMap<>();
    private final ProxySettings settings;
    private final HealthSettings health;
    private final GatewayChooser chooser;
    private final EventLoop loop;
    private final DirectConnector direct;
    private final ExecutorService resolver;
    private final List<Consumer<TunnelStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile TunnelStatus status;

    private GatewayTunnel tunnel;
    private GatewayCandidate current;
    private TunnelRoutes.Opened currentRoutes;
    private HealthTracker tracker;
    private int probeId = -1;
    private long probeSentNanos;
    private int throughputLastId = -1;
    private long throughputStartNanos;
    private long throughputBytesPerSecond;
    private boolean switching;
    private boolean closed;
    private ScheduledFuture<?> ticker;
    /** The gateway the user pinned, or null while the chooser decides ("auto"). */
    private volatile GatewayCandidate chosen;
    /** The user turned the tunnel off. */
    private boolean off;
    /** Bumped by every user action; attempts of an older generation are dropped when they complete. */
    private int generation;
    /** A user's speed test running over the current tunnel, or null. */
    private SpeedTest currentTest;
    private long currentTestStartNanos;
    /** Speed tests' own tunnels to other gateways, closed with the manager. */
    private final java.util.Set<GatewayTunnel> testTunnels = new java.util.HashSet<>();
    /** Who waits for the tunnel to settle (leave CONNECTING) after a user action. */
    private final List<CompletableFuture<TunnelStatus>> settling = new ArrayList<>();

    TunnelManager(NodeRuntime node, List<GatewayCandidate> candidates, ProxySettings settings, EventLoop loop,
                  RouteOpener opener) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no gateway to connect to");
        }
        this.node = node;
        this.opener = opener;
        this.candidates = List.copyOf(candidates);
        this.settings = settings;
        this.health = settings.health();
        this.chooser = new GatewayChooser(health.retryAfterMillis());
        this.loop = loop;
        this.resolver = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "skywire-direct-resolver");
            thread.setDaemon(true);
            return thread;
        });
        this.direct = new DirectConnector(10_000, resolver);
        this.status = new TunnelStatus(TunnelState.CONNECTING, "choosing a gateway", null, 0, 0, false);
    }

    /**
     * Connects to the best gateway that answers route setup, trying them in order; returns once one route is up
     * (health probes then start), or throws when none could be reached.
     */
    void start() throws java.io.IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (GatewayCandidate candidate : chooser.rank(candidates, stats, nowMillis())) {
            stats.computeIfAbsent(candidate, c -> new GatewayStats()).attempted();
            try {
                TunnelRoutes.Opened opened = TunnelRoutes.open(node, opener, candidate, loop, ROUTE_SETUP_SECONDS)
                        .get(ROUTE_SETUP_SECONDS + 5, TimeUnit.SECONDS);
                int first = generation;
                loop.submit(() -> adopt(candidate, opened, first)).sync();
                ticker = loop.scheduleAtFixedRate(this::tick, health.probeIntervalMillis(),
                        health.probeIntervalMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                stats.get(candidate).failed(nowMillis());
                String why = candidate.gateway().fingerprint() + ": " + (e.getCause() == null ? e : e.getCause());
                LOG.info("gateway {} unreachable", why);
                failures.add(why);
            }
        }
        throw new java.io.IOException("no gateway reachable: " + String.join("; ", failures));
    }

    /** The latest status; safe from any thread. */
    TunnelStatus status() {
        return status;
    }

    /** Hears every status change, on the proxy's loop. */
    void onStatus(Consumer<TunnelStatus> listener) {
        listeners.add(listener);
    }

    /** Measurements per gateway, for the directory view (call on the proxy's loop). */
    Map<GatewayCandidate, GatewayStats> stats() {
        return stats;
    }

    /** An immutable copy of every candidate with its measurements (call on the proxy's loop). */
    /** The current tunnel's routes, one per path of its gateway (empty without a tunnel); on the loop. */
    List<TunnelRoute> routes() {
        if (tunnel == null || tunnel.isEnded() || currentRoutes == null) {
            return List.of();
        }
        List<List<io.skywire.node.identity.NodeId>> paths = current.paths();
        List<TunnelRoute> out = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            io.skywire.node.runtime.RouteSession member = currentRoutes.members().get(i);
            out.add(member == null ? new TunnelRoute(paths.get(i), null, false)
                    : new TunnelRoute(paths.get(i), member.handle(), !member.ended().isDone()));
        }
        return List.copyOf(out);
    }

    /**
     * Replaces the gateways the chooser picks from with {@code fresh} (the directory found new ones, lost some, or
     * new paths to them); on the loop. What was measured of a gateway carries over to its new entry, and the
     * gateway in use keeps its entry (the routes it runs on) while it is still listed; a tunnel whose gateway is no
     * longer listed stays up until its own health moves it. An empty list changes nothing: the directory seeing no
     * gateway for a moment is no reason to forget the ones that work.
     */
    void updateCandidates(List<GatewayCandidate> fresh) {
        if (closed || fresh.isEmpty()) {
            return;
        }
        Map<io.skywire.node.identity.NodeId, GatewayCandidate> known = new HashMap<>();
        for (GatewayCandidate candidate : stats.keySet()) {
            known.put(candidate.gateway(), candidate);
        }
        if (current != null) {
            known.put(current.gateway(), current);
        }
        List<GatewayCandidate> next = new ArrayList<>(fresh.size());
        for (GatewayCandidate candidate : fresh) {
            GatewayCandidate before = known.get(candidate.gateway());
            if (before != null && before.equals(current)) {
                next.add(current);
            } else {
                if (before != null && !before.equals(candidate) && stats.containsKey(before)) {
                    stats.put(candidate, stats.remove(before));
                }
                next.add(candidate);
            }
        }
        if (!next.equals(candidates)) {
            LOG.info("gateways now {} (were {})", next.size(), candidates.size());
            candidates = List.copyOf(next);
        }
    }

    List<GatewaySnapshot> snapshots() {
        List<GatewaySnapshot> out = new ArrayList<>(candidates.size());
        for (GatewayCandidate candidate : candidates) {
            out.add(snapshot(candidate));
        }
        return List.copyOf(out);
    }

    private GatewaySnapshot snapshot(GatewayCandidate candidate) {
        GatewayStats measured = stats.get(candidate);
        boolean inUse = candidate.equals(status.gateway());
        return measured == null ? new GatewaySnapshot(candidate, 0, 0, 0, 0, inUse)
                : new GatewaySnapshot(candidate, measured.attempts(), measured.successes(),
                measured.roundTripMillis(), measured.throughputBytesPerSecond(), inUse);
    }

    @Override
    public void connect(Channel channel, StreamTarget target, OpenListener listener, String... handshakeHandlers) {
        if (tunnel != null && !tunnel.isEnded() && tracker != null && tracker.state() != TunnelState.FAILED) {
            tunnel.connect(channel, target, listener, handshakeHandlers);
        } else if (settings.killSwitch()) {
            listener.refused(channel, ResetReason.ROUTE_LOST);
        } else {
            direct.connect(channel, target, listener, handshakeHandlers);
        }
    }

    void close() {
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (tunnel != null) {
            tunnel.close();
        }
        testTunnels.forEach(GatewayTunnel::close);
        testTunnels.clear();
        resolver.shutdownNow();
        settle(status);
    }

    /** The gateway the user pinned, or null while the client chooses by itself. Safe from any thread. */
    GatewayCandidate chosen() {
        return chosen;
    }

    /**
     * Pins the gateway {@code gateway}: the tunnel moves to it (its current connections break) and stays with it.
     * Completes once the new tunnel has settled: CONNECTED or DEGRADED once the gateway answered through it, FAILED
     * when no route to it could be set up. Call on the proxy's loop.
     *
     * @throws IllegalArgumentException when no such gateway is known
     */
    CompletableFuture<TunnelStatus> choose(io.skywire.node.identity.NodeId gateway) {
        GatewayCandidate candidate = candidate(gateway);
        chosen = candidate;
        LOG.info("the user chose gateway {}", gateway.fingerprint());
        return moveTo(candidate);
    }

    /** Hands the choice back to {@link GatewayChooser}: the tunnel moves to its best-value gateway, if not there. */
    CompletableFuture<TunnelStatus> auto() {
        chosen = null;
        LOG.info("the user handed the choice of gateway back to the client");
        return moveTo(chooser.rank(candidates, stats, nowMillis()).get(0));
    }

    private CompletableFuture<TunnelStatus> moveTo(GatewayCandidate target) {
        boolean wasOff = off;
        off = false;
        if (!wasOff && tunnel != null && target.equals(current) && tracker.state() != TunnelState.FAILED) {
            publish();
            return CompletableFuture.completedFuture(status);
        }
        generation++;
        dropTunnel("the user chose another gateway");
        CompletableFuture<TunnelStatus> settled = new CompletableFuture<>();
        settling.add(settled);
        switchGateway();
        return settled;
    }

    /**
     * Turns the tunnel off: its route is closed (its connections break) and no other is sought until the user
     * connects again; the kill switch decides what happens to new proxied connections, and the status says which.
     */
    TunnelStatus disconnect() {
        generation++;
        off = true;
        switching = false;
        dropTunnel("the user disconnected");
        boolean killSwitch = settings.killSwitch();
        status = new TunnelStatus(TunnelState.DISCONNECTED, killSwitch
                ? "disconnected by you; the kill switch refuses every proxied connection"
                : "disconnected by you", null, 0, 0, !killSwitch);
        LOG.info("tunnel off by the user (kill switch {})", killSwitch ? "on" : "off");
        notifyListeners();
        return status;
    }

    /**
     * Measures {@code gateway}'s round trip and throughput with a {@link SpeedTest}: over the current tunnel when it
     * goes there, otherwise over routes of its own opened for the test and closed after it. The figures go into the
     * gateway's {@link GatewayStats}; a test of another gateway also counts as an attempt to use it (a failure makes
     * the chooser put it last for a while). Completes with the gateway's snapshot after the test. Call on the
     * proxy's loop.
     */
    CompletableFuture<GatewaySnapshot> speedTest(io.skywire.node.identity.NodeId gateway) {
        GatewayCandidate candidate = candidate(gateway);
        GatewayStats measured = stats.computeIfAbsent(candidate, c -> new GatewayStats());
        CompletableFuture<SpeedTest.Result> result;
        boolean own = tunnel != null && candidate.equals(current) && !tunnel.isEnded();
        if (own) {
            if (currentTest != null && !currentTest.isDone()) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("a speed test of this gateway is already running"));
            }
            SpeedTest test = new SpeedTest(tunnel);
            currentTest = test;
            currentTestStartNanos = System.nanoTime();
            test.start();
            loop.schedule(() -> test.fail("no answer within " + SPEED_TEST_SECONDS + " s"), SPEED_TEST_SECONDS,
                    TimeUnit.SECONDS);
            result = test.result();
        } else {
            measured.attempted();
            result = TunnelRoutes.open(node, opener, candidate, loop, ROUTE_SETUP_SECONDS)
                    .thenComposeAsync(this::speedTestOver, loop);
        }
        return result.handleAsync((measurement, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (!own) {
                    measured.failed(nowMillis());
                }
                LOG.info("speed test of gateway {} failed: {}", gateway.fingerprint(), cause.toString());
                throw new java.util.concurrent.CompletionException("speed test of gateway " + gateway.fingerprint()
                        + " failed: " + (cause.getMessage() == null ? cause : cause.getMessage()), cause);
            }
            if (!own) {
                measured.succeeded();
            }
            measured.roundTrip(measurement.roundTripMillis());
            measured.throughput(measurement.throughputBytesPerSecond());
            LOG.info("speed test of gateway {}: rtt {} ms, {} kB/s", gateway.fingerprint(),
                    measurement.roundTripMillis(), measurement.throughputBytesPerSecond() / 1000);
            return snapshot(candidate);
        }, loop);
    }

    private CompletableFuture<SpeedTest.Result> speedTestOver(TunnelRoutes.Opened opened) {
        if (closed) {
            opened.pipe().close();
            return CompletableFuture.failedFuture(new IllegalStateException("the proxy is stopping"));
        }
        GatewayTunnel probe = new GatewayTunnel(opened.pipe(), loop);
        testTunnels.add(probe);
        SpeedTest test = new SpeedTest(probe);
        probe.onPong((id, length) -> test.pong(id));
        probe.ended().whenComplete((reason, error) -> loop.execute(() -> test.fail("route lost: " + reason)));
        test.start();
        loop.schedule(() -> test.fail("no answer within " + SPEED_TEST_SECONDS + " s"), SPEED_TEST_SECONDS,
                TimeUnit.SECONDS);
        return test.result().whenComplete((measurement, error) -> {
            testTunnels.remove(probe);
            probe.close();
        });
    }

    private GatewayCandidate candidate(io.skywire.node.identity.NodeId gateway) {
        for (GatewayCandidate candidate : candidates) {
            if (candidate.gateway().equals(gateway)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no gateway " + gateway.fingerprint() + " is known");
    }

    /** Closes the current tunnel without counting a failure against its gateway (the user moved away). */
    private void dropTunnel(String why) {
        if (currentTest != null) {
            currentTest.fail("the tunnel was closed: " + why);
            currentTest = null;
        }
        if (tunnel != null) {
            GatewayTunnel dropped = tunnel;
            tunnel = null;
            dropped.close();
        }
        current = null;
        tracker = null;
        probeId = -1;
        throughputLastId = -1;
    }

    private void adopt(GatewayCandidate candidate, TunnelRoutes.Opened opened, int forGeneration) {
        if (closed || forGeneration != generation) {
            opened.pipe().close();
            return;
        }
        GatewayTunnel fresh = new GatewayTunnel(opened.pipe(), loop);
        tunnel = fresh;
        current = candidate;
        currentRoutes = opened;
        tracker = new HealthTracker(health.failAfterLost(), health.slowRoundTripMillis());
        probeId = -1;
        throughputLastId = -1;
        throughputBytesPerSecond = 0;
        switching = false;
        fresh.onPong((id, length) -> {
            if (tunnel != fresh) {
                return;
            }
            if (currentTest != null && currentTest.pong(id)) {
                return;
            }
            pong(id, length);
        });
        fresh.ended().whenComplete((reason, error) -> loop.execute(() -> routeEnded(fresh, reason)));
        if (opened.routes() < opened.paths()) {
            tracker.routesLost(opened.paths() - opened.routes(), opened.paths());
        }
        if (opened.group() != null) {
            // Runs on this loop (the group's): a member lost while others live degrades, never fails, the tunnel.
            opened.group().onMemberLost(group -> {
                if (tunnel == fresh && tracker.state() != TunnelState.FAILED) {
                    int lost = opened.paths() - group.liveMembers();
                    LOG.warn("tunnel to gateway {}: {} of {} routes lost", candidate.gateway().fingerprint(), lost,
                            opened.paths());
                    tracker.routesLost(lost, opened.paths());
                    publish();
                }
            });
        }
        LOG.info("tunnel to gateway {} in {} over {} of {} paths of at least {} hops, {} droplets/GB expected",
                candidate.gateway().fingerprint(), candidate.region(), opened.routes(), opened.paths(),
                candidate.hops(), candidate.expectedCostPerGbDroplets());
        probe();
        publish();
    }

    private void tick() {
        if (closed || off) {
            return;
        }
        if (tunnel == null) {
            if (!switching) {
                switchGateway();
            }
            return;
        }
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(health.probeTimeoutMillis());
        if (currentTest != null && !currentTest.isDone()
                && System.nanoTime() - currentTestStartNanos <= 4 * timeoutNanos) {
            // The user's speed test is a burst too: probes would queue behind it.
            return;
        }
        if (throughputLastId >= 0) {
            // Health probes would queue behind the burst and time out for the wrong reason: wait for it, within bounds.
            if (System.nanoTime() - throughputStartNanos <= 4 * timeoutNanos) {
                return;
            }
            LOG.info("tunnel throughput probe unanswered; throughput stays unknown");
            throughputLastId = -1;
        }
        if (probeId >= 0 && System.nanoTime() - probeSentNanos > timeoutNanos) {
            probeId = -1;
            tracker.lost();
            afterProbe();
        }
        if (probeId < 0) {
            probe();
        }
    }

    private void probe() {
        if (tunnel.isEnded()) {
            return;
        }
        probeSentNanos = System.nanoTime();
        probeId = tunnel.ping(ByteBuffer.allocate(StreamCodec.MIN_PING_BODY).putLong(probeSentNanos).array());
    }

    private void pong(int id, int length) {
        if (id == probeId) {
            long rttMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probeSentNanos));
            probeId = -1;
            boolean first = tracker.state() == TunnelState.CONNECTING;
            tracker.answered(rttMillis);
            GatewayStats measured = stats.get(current);
            measured.roundTrip(rttMillis);
            if (first) {
                measured.succeeded();
                startThroughputProbe();
            }
            afterProbe();
        } else if (id == throughputLastId) {
            throughputBytesPerSecond = SpeedTest.bytesPerSecond(System.nanoTime() - throughputStartNanos);
            stats.get(current).throughput(throughputBytesPerSecond);
            throughputLastId = -1;
            LOG.info("tunnel throughput probe: {} kB/s", throughputBytesPerSecond / 1000);
            publish();
        }
    }

    private void startThroughputProbe() {
        throughputStartNanos = System.nanoTime();
        throughputLastId = SpeedTest.sendBurst(tunnel);
    }

    private void afterProbe() {
        publish();
        if (tracker.state() == TunnelState.FAILED) {
            failCurrent();
        }
    }

    private void routeEnded(GatewayTunnel ended, FailureReason reason) {
        if (ended != tunnel || closed) {
            return;
        }
        tracker.routeEnded(reason == null ? "closed" : reason.toString());
        publish();
        failCurrent();
    }

    /** The current tunnel failed: its connections break (their route is gone); find another gateway. */
    private void failCurrent() {
        stats.get(current).failed(nowMillis());
        LOG.warn("tunnel to gateway {} failed: {}", current.gateway().fingerprint(), tracker.reason());
        throughputLastId = -1;
        GatewayTunnel dead = tunnel;
        tunnel = null;
        dead.close();
        switchGateway();
    }

    private void switchGateway() {
        if (closed || off) {
            return;
        }
        switching = true;
        GatewayCandidate pinned = chosen;
        List<GatewayCandidate> ranked = pinned != null ? List.of(pinned) : chooser.rank(candidates, stats, nowMillis());
        tryCandidates(ranked, 0, new ArrayList<>(), generation);
    }

    private void tryCandidates(List<GatewayCandidate> ranked, int index, List<String> failures, int forGeneration) {
        if (closed || forGeneration != generation) {
            return;
        }
        if (index == ranked.size()) {
            // Nothing answered: stay FAILED; the ticker tries again at the next interval.
            switching = false;
            String reason = chosen == null ? "no gateway reachable: " + String.join("; ", failures)
                    : "the gateway you chose is unreachable: " + String.join("; ", failures)
                    + " (Auto lets the client choose another)";
            status = new TunnelStatus(TunnelState.FAILED, reason, null, 0, 0, !settings.killSwitch());
            notifyListeners();
            return;
        }
        GatewayCandidate candidate = ranked.get(index);
        stats.computeIfAbsent(candidate, c -> new GatewayStats()).attempted();
        status = new TunnelStatus(TunnelState.CONNECTING, "setting up a route to gateway "
                + candidate.gateway().fingerprint() + (chosen != null ? " (chosen by you)" : ""), candidate, 0, 0,
                !settings.killSwitch());
        notifyListeners();
        CompletableFuture<TunnelRoutes.Opened> opening = TunnelRoutes.open(node, opener, candidate, loop,
                ROUTE_SETUP_SECONDS);
        opening.whenComplete((opened, error) -> loop.execute(() -> {
            if (forGeneration != generation) {
                if (opened != null) {
                    opened.pipe().close();
                }
            } else if (error == null) {
                adopt(candidate, opened, forGeneration);
            } else {
                stats.get(candidate).failed(nowMillis());
                failures.add(candidate.gateway().fingerprint() + ": " + error);
                tryCandidates(ranked, index + 1, failures, forGeneration);
            }
        }));
    }

    private void publish() {
        if (tracker == null) {
            return;
        }
        boolean failed = tracker.state() == TunnelState.FAILED;
        status = new TunnelStatus(tracker.state(), tracker.reason(), current, tracker.lastRoundTripMillis(),
                throughputBytesPerSecond, failed && !settings.killSwitch());
        notifyListeners();
    }

    private void notifyListeners() {
        TunnelStatus now = status;
        for (Consumer<TunnelStatus> listener : listeners) {
            listener.accept(now);
        }
        if (now.state() != TunnelState.CONNECTING) {
            settle(now);
        }
    }

    private void settle(TunnelStatus now) {
        List<CompletableFuture<TunnelStatus>> waiting = List.copyOf(settling);
        settling.clear();
        waiting.forEach(future -> future.complete(now));
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
