package io.skywire.node.runtime;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.engine.AckSettings;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.NodeEngine;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.link.LinkMetrics;
import io.skywire.node.link.LinkSettings;
import io.skywire.node.payment.PaymentPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: one protocol engine driven by one Netty event loop (epoll where available) that also
 * serves every UDP and TCP link of the node, so no engine call ever needs a lock and no connection gets a
 * thread. Start with {@link #start(NodeConfig)}; every method is safe to call from any other thread.
 */
public final class NodeRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;
    /**
     * Floor of the retransmission timeout on a real host. The simulator's 10 ms suits its exact clocks, but an
     * event loop that waits for a busy CPU delays acknowledgements by tens of milliseconds (measured on the
     * transit-hop bench: RTT samples of 10-100 ms on loopback), so a 10 ms timeout declared a sixth of all
     * datagrams lost and resent data that had arrived, adding load exactly when the host had none to spare.
     * Real losses are still found after three later datagrams or 9/8 RTT; only a lost tail waits this long.
     */
    static final long MIN_RTO_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * ACKs on real sockets: alone only for every fourth ack-eliciting datagram, after 2 ms, or at once for a gap or a
     * duplicate; otherwise with the next datagram that goes anyway. Acknowledging each read batch at once made a
     * forwarding hop send about one ACK-only datagram per datagram it received, each one sealed, sent, woken for and
     * opened like a full one (docs/BENCHMARKS.md, "Tunnel throughput").
     */
    static final AckSettings DELAYED_ACKS = new AckSettings(4, TimeUnit.MILLISECONDS.toNanos(2));

    /**
     * The addresses a node actually bound (ephemeral ports resolved).
     *
     * @param udp the UDP address, or null
     * @param tcp the TCP listen address, or null
     */
    public record BoundAddresses(InetSocketAddress udp, InetSocketAddress tcp) {
    }

    private final NodeId nodeId;
    private final EventLoopGroup group;
    private final EngineDriver driver;
    private final UdpTransport udp;
    private final TcpTransport tcp;
    private final BoundAddresses bound;
    private final NodeConfig config;
    private final RouteDispatcher routeKinds = new RouteDispatcher();
    private boolean rawIncoming;
    private DiscoveryService discovery;

    private NodeRuntime(NodeId nodeId, NodeConfig config, EventLoopGroup group, EngineDriver driver, UdpTransport udp,
                        TcpTransport tcp, BoundAddresses bound) {
        this.nodeId = nodeId;
        this.config = config;
        this.group = group;
        this.driver = driver;
        this.udp = udp;
        this.tcp = tcp;
        this.bound = bound;
        driver.onIncoming(routeKinds::accept);
    }

    /**
     * Loads or creates the node key, binds the configured addresses and dials the static peers.
     *
     * @throws IOException when the key cannot be read or created, or an address cannot be bound
     */
    public static NodeRuntime start(NodeConfig config) throws IOException, InterruptedException {
        return start(config, engineDefaults(), LinkSettings.defaults());
    }

    /**
     * The engine defaults with a link declared dead only after 3 s without acknowledgement progress (the
     * simulator's 300 ms floor is too eager on a real host, where JIT, GC or a busy CPU can stall a node's
     * event loop for hundreds of milliseconds; a false death fails every route over the link), and a
     * retransmission timeout of at least {@link #MIN_RTO_NANOS}.
     */
    public static EngineConfig engineDefaults() {
        EngineConfig d = EngineConfig.defaults();
        return new EngineConfig(d.maxInFlightPackets(), Math.max(MIN_RTO_NANOS, d.minRtoNanos()), d.initialRtoNanos(),
                TimeUnit.SECONDS.toNanos(3), d.maxRouteBufferBytes(), d.maxNodeBufferBytes(), d.setupTimeoutNanos(),
                d.keepaliveNanos(), d.routeExpiryNanos(), d.housekeepingNanos(), d.maxRoutes(), d.replayMemory())
                .withAcks(DELAYED_ACKS);
    }

    /** As {@link #start(NodeConfig)}, with explicit engine and link tunables (tests, benchmarks). */
    public static NodeRuntime start(NodeConfig config, EngineConfig engineConfig, LinkSettings linkSettings)
            throws IOException, InterruptedException {
        NodeKeyPair keys = NodeKeyFile.loadOrCreate(config.dataDirectory());
        IoTransports io = IoTransports.best();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("skywire-node-" + keys.nodeId().fingerprint()), io.handlerFactory());
        try {
            SecureRandom random = new SecureRandom();
            NodeEngine engine = new NodeEngine(engineConfig, Secp256k1Provider.get(), keys.secret(), random::nextBytes);
            EngineDriver driver = new EngineDriver(engine, group.next(), keys.nodeId());
            driver.shareLinks(config.linkShares());
            UdpTransport udp = new UdpTransport(driver, linkSettings, keys.secret(), config.udpRate(),
                    config.udpFaults());
            TcpTransport tcp = new TcpTransport(driver, io, linkSettings, keys.secret());
            InetSocketAddress udpBound = config.udpListen() == null ? null : udp.bind(io, config.udpListen());
            InetSocketAddress tcpBound = config.tcpListen() == null ? null : tcp.listen(config.tcpListen());
            NodeRuntime runtime = new NodeRuntime(keys.nodeId(), config, group, driver, udp, tcp,
                    new BoundAddresses(udpBound, tcpBound));
            runtime.dialPeers(config, udpBound != null);
            runtime.discovery = DiscoveryService.start(driver, udp, io, keys, config, runtime.bound);
            LOG.info("node {} ({}) running on {}: udp {}, tcp {}, {} static peers{}", keys.nodeId().fingerprint(),
                    keys.nodeId().hex(), io.name(), udpBound, tcpBound, config.peers().size(),
                    config.guards().isEmpty() ? "" : ", " + config.guards().size() + " guard nodes");
            if (config.udpFaults().active()) {
                LOG.warn("UDP fault injection is on: {}", config.udpFaults());
            }
            return runtime;
        } catch (IOException | InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private void dialPeers(NodeConfig config, boolean udpBound) throws IOException {
        for (PeerConfig peer : config.peers()) {
            if (peer.transport() == Transport.UDP && !udpBound) {
                throw new IOException("peer " + peer.id().fingerprint() + " is on UDP but no udp.listen is set");
            }
        }
        driver.loop().execute(() -> {
            for (PeerConfig peer : config.peers()) {
                if (peer.transport() == Transport.UDP) {
                    udp.dial(peer.id(), peer.address());
                } else {
                    tcp.dial(peer.id(), peer.address());
                }
            }
        });
    }

    /** This node's identity. */
    public NodeId nodeId() {
        return nodeId;
    }

    /** The guard nodes every route this node originates must start at (empty: any first hop). */
    public java.util.Set<NodeId> guards() {
        return config.guards();
    }

    /** How the node finds others: its known peers, their records, and a listener for new ones. */
    public DiscoveryService discovery() {
        return discovery;
    }

    /** Where the node listens. */
    public BoundAddresses boundAddresses() {
        return bound;
    }

    /** Completes when a link to {@code peer} is up (at once if it already is). */
    public CompletableFuture<Void> linkUp(NodeId peer) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        driver.loop().execute(() -> driver.linkUp(peer).whenComplete((ok, error) -> up.complete(null)));
        return up;
    }

    /**
     * Opens a route through {@code path} (the hops after this node; the last is the destination). The future
     * completes with the session once the destination confirmed, or fails with {@link RouteFailedException}.
     */
    public CompletableFuture<RouteSession> openRoute(List<NodeId> path, RouteOptions options) {
        if (!path.isEmpty() && !config.allowsFirstHop(path.get(0))) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("route starts at "
                    + path.get(0).fingerprint() + ", which is not one of this node's guard nodes"));
        }
        RouteSpec spec = new RouteSpec(path.stream().map(NodeId::key).toList(), options.qos(), options.mode(),
                options.bufferBytes(), options.prices());
        CompletableFuture<RouteSession> result = new CompletableFuture<>();
        driver.loop().execute(() -> driver.openRoute(spec, result));
        return result;
    }

    /** Bulk, store-and-forward route; see {@link #openRoute(List, RouteOptions)}. */
    public CompletableFuture<RouteSession> openRoute(List<NodeId> path) {
        return openRoute(path, RouteOptions.bulk());
    }

    /**
     * Lets {@code policy} set this node's price and how far it forwards each paid route, from when this returns
     * (routes set up before keep forwarding as they did); it is called on the event loop and must not block.
     */
    public void usePaymentPolicy(PaymentPolicy policy) {
        driver.onLoop(() -> {
            driver.engine().usePaymentPolicy(policy);
            return null;
        });
    }

    /**
     * Who gets every route for which this node is the destination, from now on, before its kind is read (raw routes:
     * tests and benchmarks); it runs on the event loop. Nodes that serve route kinds use
     * {@link #serveRouteKind(int, Consumer)} instead, which this would bypass, so mixing the two is an error.
     *
     * @throws IllegalStateException when a route kind is already served here
     */
    public void onIncomingRoute(Consumer<RouteSession> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (routeKinds) {
            for (int kind = 0; kind < 256; kind++) {
                if (routeKinds.serves(kind)) {
                    throw new IllegalStateException(String.format("route kind 0x%02x is served on this node; "
                            + "a listener for all incoming routes would take its routes", kind));
                }
            }
            rawIncoming = true;
            driver.onIncoming(listener);
        }
    }

    /**
     * Routes that end here and whose first byte is {@code kind} (docs/PROTOCOL.md 8.1) go to {@code handler}, on the
     * event loop, from now on; the receiver it sets gets every byte from the first. A route of a kind no one serves
     * is closed and counted ({@link #routeKinds()}).
     *
     * @throws IllegalStateException when {@code kind} is already served, or {@link #onIncomingRoute} took every route
     */
    public RouteDispatcher.Registration serveRouteKind(int kind, Consumer<RouteSession> handler) {
        synchronized (routeKinds) {
            if (rawIncoming) {
                throw new IllegalStateException("every incoming route goes to the listener set by onIncomingRoute");
            }
            return routeKinds.register(kind, handler);
        }
    }

    /** The dispatcher of this node's incoming routes by kind: what it serves and what it refused. */
    public RouteDispatcher routeKinds() {
        return routeKinds;
    }

    /**
     * Who hears each route's byte counts (docs/PROTOCOL.md 7.4: a transit hop's forwarded bytes are what it is paid
     * for), from now on: reported at housekeeping when they changed and once when the route ends. It runs on the
     * event loop and must not block.
     */
    public void onMetering(Consumer<NodeEvent.Metering> listener) {
        driver.onMetering(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A copy of every route this node holds, read on the event loop (waits at most a few seconds): its own routes
     * and those it forwards for others, with their byte counts.
     */
    public java.util.List<io.skywire.node.engine.RouteView> routes() {
        return driver.onLoop(() -> driver.engine().routeViews());
    }

    /** Reads every counter on the event loop (waits at most a few seconds). */
    public RuntimeCounters counters() {
        return driver.onLoop(() -> {
            LinkMetrics metrics = tcp.metrics();
            return new RuntimeCounters(new EnumMap<>(driver.engine().counters().snapshot()),
                    udp.counters(), udp.rejectedFrames(), metrics.established(), metrics.totalBreaches(),
                    driver.linkCount(), driver.engine().routeCount());
        });
    }

    /**
     * Stops gracefully: tears down this node's routes, drops its links, closes every channel and releases the
     * event loop. Must not be called on the node's own event loop.
     */
    public void stop() {
        if (driver.loop().inEventLoop()) {
            throw new IllegalStateException("stop() would wait for its own event loop");
        }
        if (group.isShuttingDown()) {
            return;
        }
        CompletableFuture<Void> quiet = new CompletableFuture<>();
        driver.loop().execute(() -> {
            try {
                discovery.stop();
                driver.shutdown();
                udp.close();
                tcp.close();
            } finally {
                quiet.complete(null);
            }
        });
        try {
            quiet.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            group.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("node {} did not stop cleanly", nodeId.fingerprint(), e);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
        LOG.info("node {} stopped", nodeId.fingerprint());
    }

    /**
     * Stops at once without telling anyone, as a crash or a pulled cable would: neighbours learn it only when
     * the link stops acknowledging. For failure tests.
     */
    void abort() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("node {} aborted", nodeId.fingerprint());
    }

    @Override
    public void close() {
        stop();
    }

    /** For tests in this package: the node's event loop. */
    EngineDriver driver() {
        return driver;
    }

    /** The directory holding this node's key and state (services keep theirs under it). */
    public java.nio.file.Path dataDirectory() {
        return config.dataDirectory();
    }
}
