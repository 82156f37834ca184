package io.skywire.node.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skywire.node.discovery.GatewayService;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteDispatcher;
import io.skywire.node.runtime.RouteGroupSession;
import io.skywire.node.runtime.RouteSession;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamCodec;
import io.skywire.node.stream.StreamMux;
import io.skywire.node.stream.StreamTarget;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway (exit) role: the routes that end at this node and carry streams (the node's {@link RouteDispatcher}
 * hands over those whose first byte is a stream frame type or a JOIN) ask, in each stream's OPEN, for a TCP
 * connection to the internet; the service resolves the name here, checks the exit policy against every address
 * the name resolves to, connects with a timeout and bridges the stream to the socket.
 *
 * <p>Outbound sockets run on their own single-thread event loop, not the node's: the node's loop paces every
 * link and must answer ACKs in time, and hundreds of busy exit sockets would delay it. DNS lookups block, so
 * they run on a small separate pool.
 *
 * <p>A route that starts with a {@link GroupJoin} is a member of a client's route group (docs/PROTOCOL.md 6.6): the
 * members of one group are joined ({@link GroupJoins}, bounded and counted in {@link #counters()}) and the streams
 * run over the group, so they outlive any member but the last. A route without a join carries streams on its own.
 */
public final class ExitService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExitService.class);
    private static final int RESOLVER_THREADS = 4;

    private final GatewayOffer offer;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ExecutorService resolver;
    private final GroupJoins<RouteIntake> joins;
    private final Map<GroupJoin.GroupId, RouteGroupSession> groups = new HashMap<>();
    private final ExitCounters counters = new ExitCounters();
    private final RouteKinds kinds = new RouteKinds();
    private final NodeRuntime node;
    /** The node's route kinds this exit serves; closed with the exit. */
    private final List<RouteDispatcher.Registration> registrations = new CopyOnWriteArrayList<>();
    private int connections;

    private ExitService(NodeRuntime node, GatewayOffer offer, GroupJoins.Limits limits) {
        this.node = node;
        this.offer = offer;
        this.joins = new GroupJoins<>(limits);
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("skywire-exit", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.resolver = Executors.newFixedThreadPool(RESOLVER_THREADS, new DefaultThreadFactory("skywire-dns", true));
    }

    /**
     * Offers exit on {@code node}: from now on the routes that end there and start with a stream frame or a JOIN
     * (docs/PROTOCOL.md 3.2, 6.6) are served as gateway routes; routes of other kinds (services) stay with their own
     * handlers on the node.
     *
     * @throws IllegalStateException when the node already serves those route kinds (another exit)
     */
    public static ExitService start(NodeRuntime node, GatewayOffer offer) {
        ExitService service = start(node, offer, GroupJoins.Limits.defaults());
        node.discovery().advertiseGateway(Optional.of(GatewayService.of(offer))); // others find it as a gateway
        return service;
    }

    /** {@link #start(NodeRuntime, GatewayOffer)} with other route group limits (tests). */
    static ExitService start(NodeRuntime node, GatewayOffer offer, GroupJoins.Limits limits) {
        ExitService service = new ExitService(node, offer, limits);
        try {
            for (int kind = StreamCodec.FIRST_TYPE; kind <= StreamCodec.LAST_TYPE; kind++) {
                service.registrations.add(node.serveRouteKind(kind, service::incoming));
            }
            service.registrations.add(node.serveRouteKind(GroupJoin.TYPE, service::incoming));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        long sweepMillis = Math.max(1, Math.min(1_000, limits.joinWindowMillis() / 4));
        service.loop.scheduleAtFixedRate(service::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        if (offer.policy().onlyDestination() != null) {
            LOG.info("node {} serves {} over routes, and nothing else", node.nodeId().fingerprint(),
                    offer.policy().onlyDestination());
        } else if (offer.policy().allowPrivateDestinations()) {
            LOG.warn("gateway on node {} allows loopback and private destinations (test network only)",
                    node.nodeId().fingerprint());
        }
        LOG.info("gateway on node {}: {} droplets/GB, region {}, up to {} connections", node.nodeId().fingerprint(),
                offer.pricePerGbDroplets(), offer.region(), offer.maxConnections());
        return service;
    }

    /**
     * Serves routes that arrive at {@code node} under {@code offer} without offering the node as a gateway to
     * anyone: for a service, such as the escrow, that exposes one local endpoint over routes
     * ({@link ExitPolicy#onlyTo}).
     */
    public static ExitService serve(NodeRuntime node, GatewayOffer offer) {
        return start(node, offer, GroupJoins.Limits.defaults());
    }

    /** The offer this gateway serves. */
    public GatewayOffer offer() {
        return offer;
    }

    /** How incoming routes were served, and the joins refused. */
    public ExitCounters counters() {
        return counters;
    }

    private void incoming(RouteSession session) {
        RouteIntake intake = new RouteIntake(session, new RouteIntake.Decider() {
            @Override
            public void single(RouteIntake route) {
                counters.increment(ExitCounter.SINGLE_ROUTES);
                serve(route.asPipe());
            }

            @Override
            public void joined(RouteIntake route, GroupJoin join) {
                join(route, join);
            }

            @Override
            public void malformed(RouteIntake route, String why) {
                counters.increment(ExitCounter.JOINS_MALFORMED);
                LOG.info("closing route {}: {}", session.handle().value(), why);
            }
        });
        session.onReceive(bytes -> loop.execute(() -> intake.bytes(bytes)));
        session.ended().whenComplete((reason, error) -> loop.execute(() -> joins.forget(intake)));
    }

    private void serve(TunnelPipe pipe) {
        kinds.serve(pipe, streams -> new RouteStreams(streams, new StreamMux(false, StreamMux.DEFAULT_WINDOW), loop,
                this::openRequested).start());
    }

    /**
     * Tunnels (single routes or route groups) whose first byte is {@code kind} go to {@code handler}, on the exit
     * loop, instead of the stream layer; it returns who takes their bytes (the first byte included).
     */
    void serveRouteKind(int kind, Function<TunnelPipe, Consumer<byte[]>> handler) {
        loop.execute(() -> kinds.register(kind, handler)); // queued before any route of the kind reaches the loop
        registrations.add(node.serveRouteKind(kind, this::incoming)); // a single route of the kind: the node's
    }

    /** The exit's event loop: handlers of other route kinds run on it. */
    EventLoop loop() {
        return loop;
    }

    private void join(RouteIntake route, GroupJoin join) {
        GroupJoins.Verdict verdict = joins.join(nowMillis(), join, route);
        switch (verdict) {
            case NEW_GROUP -> {
                RouteGroupSession group = new RouteGroupSession(GroupJoin.TUNNEL_GROUP, loop,
                        GroupJoin.MEMBER_STALL_MILLIS);
                groups.put(join.groupId(), group);
                counters.increment(ExitCounter.GROUPS);
                group.onMemberLost(g -> counters.increment(ExitCounter.MEMBERS_LOST));
                group.ended().whenComplete((reason, error) -> loop.execute(() -> {
                    groups.remove(join.groupId());
                    joins.ended(join.groupId());
                }));
                addMember(group, route, 0);
                serve(TunnelPipe.of(group));
                LOG.debug("route group {} started: {} members announced", join.groupId(), join.count());
                for (GroupJoins.Parked<RouteIntake> parked : joins.takeParked(join.groupId())) {
                    join(parked.member(), parked.join());
                }
            }
            case JOINED -> addMember(groups.get(join.groupId()), route, join.index());
            case PARKED -> LOG.debug("route {} waits for route group {}", route.label(), join.groupId());
            default -> {
                counters.increment(verdict.refusal);
                LOG.info("refusing {} as member {} of {} of route group {}: {}", route.label(), join.index(),
                        join.count(), join.groupId(), verdict);
                route.refuse();
            }
        }
    }

    private void addMember(RouteGroupSession group, RouteIntake route, int index) {
        try {
            route.feed(group.attach(route.session(), index));
            counters.increment(ExitCounter.MEMBERS_JOINED);
        } catch (IllegalStateException e) {
            counters.increment(ExitCounter.JOINS_TOO_LATE);
            LOG.info("refusing {}: {}", route.label(), e.getMessage());
            route.refuse();
        }
    }

    private void sweep() {
        List<RouteIntake> expired = joins.expire(nowMillis());
        for (RouteIntake route : expired) {
            counters.increment(ExitCounter.JOINS_UNKNOWN_GROUP);
            LOG.info("refusing {}: its route group's first member never came", route.label());
            route.refuse();
        }
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private void openRequested(RouteStreams streams, int streamId, StreamTarget target) {
        if (!offer.policy().allowsPort(target.port())) {
            streams.reset(streamId, ResetReason.NOT_ALLOWED);
            return;
        }
        if (connections >= offer.maxConnections()) {
            streams.reset(streamId, ResetReason.NO_CAPACITY);
            return;
        }
        connections++;
        StreamBridgeHandler bridge = new StreamBridgeHandler(streams, null, null);
        bridge.bind(streamId);
        streams.register(streamId, bridge);
        CompletableFuture.supplyAsync(() -> resolve(target), resolver)
                .whenCompleteAsync((addresses, error) -> resolved(streams, streamId, target, bridge, addresses,
                        error), loop);
    }

    private static InetAddress[] resolve(StreamTarget target) {
        try {
            if (target.kind() == StreamTarget.Kind.DOMAIN) {
                return InetAddress.getAllByName(target.host());
            }
            return new InetAddress[] {InetAddress.getByAddress(target.address())};
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    private void resolved(RouteStreams streams, int streamId, StreamTarget target, StreamBridgeHandler bridge,
                          InetAddress[] addresses, Throwable error) {
        if (!streams.exists(streamId)) {
            connections--;
            return;
        }
        if (error != null) {
            refuse(streams, streamId, target, ResetReason.HOST_UNREACHABLE);
            return;
        }
        // Every answer must pass: a name with one public and one private address is how DNS rebinding starts.
        for (InetAddress address : addresses) {
            if (!offer.policy().allowsAddress(address)) {
                refuse(streams, streamId, target, ResetReason.NOT_ALLOWED);
                return;
            }
        }
        InetSocketAddress destination = new InetSocketAddress(addresses[0], target.port());
        ChannelFuture connect = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, offer.connectTimeoutMillis())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(bridge)
                .connect(destination);
        connect.channel().closeFuture().addListener(closed -> connections--);
        connect.addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                if (streams.exists(streamId)) {
                    streams.reset(streamId, reasonFor(future.cause()));
                }
                LOG.debug("stream {} to {} ({}) failed: {}", streamId, target, destination, future.cause().toString());
            } else if (streams.exists(streamId)) {
                bridge.markOpened();
                streams.accept(streamId);
                future.channel().config().setAutoRead(true);
            } else {
                future.channel().close();
            }
        });
    }

    private void refuse(RouteStreams streams, int streamId, StreamTarget target, ResetReason reason) {
        connections--;
        LOG.debug("stream {} to {} refused: {}", streamId, target, reason);
        streams.reset(streamId, reason);
    }

    static ResetReason reasonFor(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return ResetReason.TIMED_OUT;
        }
        if (cause instanceof NoRouteToHostException) {
            return ResetReason.HOST_UNREACHABLE;
        }
        if (cause instanceof ConnectException) {
            return ResetReason.CONNECTION_REFUSED;
        }
        return ResetReason.GENERAL_FAILURE;
    }

    @Override
    public void close() {
        registrations.forEach(RouteDispatcher.Registration::close);
        resolver.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
