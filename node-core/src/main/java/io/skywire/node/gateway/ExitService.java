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
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamMux;
import io.skywire.node.stream.StreamTarget;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway (exit) role: every route that ends at this node carries streams whose OPEN asks for a TCP
 * connection to the internet; the service resolves the name here, checks the exit policy against every address
 * the name resolves to, connects with a timeout and bridges the stream to the socket.
 *
 * <p>Outbound sockets run on their own single-thread event loop, not the node's: the node's loop paces every
 * link and must answer ACKs in time, and hundreds of busy exit sockets would delay it. DNS lookups block, so
 * they run on a small separate pool.
 */
public final class ExitService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExitService.class);
    private static final int RESOLVER_THREADS = 4;

    private final GatewayOffer offer;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ExecutorService resolver;
    private int connections;

    private ExitService(GatewayOffer offer) {
        this.offer = offer;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("skywire-exit", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.resolver = Executors.newFixedThreadPool(RESOLVER_THREADS, new DefaultThreadFactory("skywire-dns", true));
    }

    /** Offers exit on {@code node}: from now on every route that ends there is served as a gateway route. */
    public static ExitService start(NodeRuntime node, GatewayOffer offer) {
        ExitService service = new ExitService(offer);
        node.discovery().advertiseGateway(Optional.of(GatewayService.of(offer)));
        node.onIncomingRoute(session -> service.loop.execute(
                () -> new RouteStreams(session, new StreamMux(false, StreamMux.DEFAULT_WINDOW), service.loop,
                        service::openRequested).start()));
        if (offer.policy().allowPrivateDestinations()) {
            LOG.warn("gateway on node {} allows loopback and private destinations (test network only)",
                    node.nodeId().fingerprint());
        }
        LOG.info("gateway on node {}: {} droplets/GB, region {}, up to {} connections", node.nodeId().fingerprint(),
                offer.pricePerGbDroplets(), offer.region(), offer.maxConnections());
        return service;
    }

    /** The offer this gateway serves. */
    public GatewayOffer offer() {
        return offer;
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
        resolver.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
