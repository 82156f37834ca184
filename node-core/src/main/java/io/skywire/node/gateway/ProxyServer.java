package io.skywire.node.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's local SOCKS5 and HTTP CONNECT proxies: each accepted connection becomes a stream on the route to the
 * gateway that {@link TunnelManager} keeps working (or, while none works and the kill switch is off, a direct
 * connection). Local sockets, the stream multiplexer and the health probes share one event loop of their own (no
 * locks, and the node's loop stays free for its links).
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final EventLoopGroup group;
    private final TunnelManager tunnel;
    private final Channel socks;
    private final Channel http;

    private ProxyServer(EventLoopGroup group, TunnelManager tunnel, Channel socks, Channel http) {
        this.group = group;
        this.tunnel = tunnel;
        this.socks = socks;
        this.http = http;
    }

    /**
     * Opens a route through {@code pathToGateway} (the last hop is the gateway), then binds the proxies: one fixed
     * gateway, with nothing advertised about it.
     *
     * @throws IOException when the route cannot be opened or an address cannot be bound
     */
    public static ProxyServer start(NodeRuntime node, List<NodeId> pathToGateway, ProxySettings settings)
            throws IOException, InterruptedException {
        return startAuto(node, List.of(new GatewayCandidate(pathToGateway, 0, 0, "unknown")), settings);
    }

    /**
     * Connects to the best of {@code gateways} that answers (see {@link GatewayChooser}), then binds the proxies;
     * the client moves to another gateway when its tunnel fails.
     *
     * @throws IOException when no gateway can be reached or an address cannot be bound
     */
    public static ProxyServer startAuto(NodeRuntime node, List<GatewayCandidate> gateways, ProxySettings settings)
            throws IOException, InterruptedException {
        return startAuto(node, gateways, settings, RouteOpener.UNPAID);
    }

    /**
     * {@link #startAuto(NodeRuntime, List, ProxySettings)} with each route opened by {@code opener} (a paying client
     * opens its routes with prices and pays for them).
     */
    public static ProxyServer startAuto(NodeRuntime node, List<GatewayCandidate> gateways, ProxySettings settings,
                                        RouteOpener opener) throws IOException, InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("skywire-proxy", true),
                NioIoHandler.newFactory());
        TunnelManager tunnel = new TunnelManager(node, gateways, settings, group.next(), opener);
        try {
            tunnel.start();
            Channel socks = bind(group, settings.socksListen(),
                    ProxyInitializers.socks5(tunnel, settings.credentials(), settings.handshakeTimeoutMillis()));
            Channel http = settings.httpListen() == null ? null : bind(group, settings.httpListen(),
                    ProxyInitializers.httpConnect(tunnel, settings.credentials(), settings.handshakeTimeoutMillis()));
            LOG.info("proxy: SOCKS5 {}, HTTP {}, kill switch {}", socks.localAddress(),
                    http == null ? "off" : http.localAddress(), settings.killSwitch() ? "on" : "off");
            return new ProxyServer(group, tunnel, socks, http);
        } catch (IOException | InterruptedException | RuntimeException e) {
            tunnel.close();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bind(EventLoopGroup group, InetSocketAddress address,
                                io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel> init)
            throws IOException, InterruptedException {
        var bound = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init)
                .bind(address).await();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }

    /** The SOCKS5 address actually bound. */
    public InetSocketAddress socksAddress() {
        return (InetSocketAddress) socks.localAddress();
    }

    /** The HTTP CONNECT address actually bound, or null. */
    public InetSocketAddress httpAddress() {
        return http == null ? null : (InetSocketAddress) http.localAddress();
    }

    /** The tunnel's state now, from end-to-end probes. */
    public TunnelStatus status() {
        return tunnel.status();
    }

    /** Hears every change of the tunnel's status (on the proxy's thread; keep it short). */
    public void onStatus(java.util.function.Consumer<TunnelStatus> listener) {
        tunnel.onStatus(listener);
    }

    /**
     * Every gateway the client could use with what it has measured of each, copied on the proxy's loop so the
     * caller never sees the per-gateway state mid-update.
     *
     * @throws IllegalStateException when the proxy has stopped or does not answer within 2 s
     */
    public List<GatewaySnapshot> gateways() {
        return onLoop(tunnel::snapshots, "the gateways");
    }

    /**
     * Gives the proxy a new list of gateways to choose from (a {@link GatewayDirectory}'s update, say): what was
     * measured of each gateway is kept, the tunnel in use is not disturbed. Applied on the proxy's loop; an empty
     * list is ignored.
     */
    public void updateGateways(List<GatewayCandidate> gateways) {
        List<GatewayCandidate> copy = List.copyOf(gateways);
        try {
            group.next().execute(() -> tunnel.updateCandidates(copy));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("gateways not updated: the proxy has stopped");
        }
    }

    /**
     * The routes of the client's current tunnel, hop by hop (one per path of a route group), copied on the proxy's
     * loop; empty while no tunnel is up.
     *
     * @throws IllegalStateException when the proxy has stopped or does not answer within 2 s
     */
    public List<TunnelRoute> routes() {
        return onLoop(tunnel::routes, "the routes");
    }

    /** Reads {@code what} on the proxy's loop, waiting at most 2 s. */
    private <T> T onLoop(java.util.concurrent.Callable<T> read, String what) {
        try {
            return group.next().submit(read).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the proxy did not answer: " + e, e);
        }
    }

    /**
     * Moves the tunnel to the gateway {@code gateway} and keeps it there ("connect"): the current tunnel's
     * connections break, the status goes CONNECTING, then CONNECTED or DEGRADED once the gateway answers through the
     * new route; a gateway that cannot be reached is retried until the user chooses another or {@link #auto()}.
     *
     * @return completes with the settled status; fails with {@link IllegalArgumentException} for an unknown gateway
     *         or {@link IllegalStateException} when the proxy has stopped
     */
    public CompletableFuture<TunnelStatus> connectTo(NodeId gateway) {
        return onLoop(() -> tunnel.choose(gateway));
    }

    /** Hands the choice back to the best-value ranking ({@link GatewayChooser}); completes with the settled status. */
    public CompletableFuture<TunnelStatus> auto() {
        return onLoop(tunnel::auto);
    }

    /**
     * Turns the tunnel off ({@link TunnelState#DISCONNECTED}) until {@link #connectTo} or {@link #auto()}: with the
     * kill switch on every proxied connection is refused, with it off they go direct, and the status says which.
     */
    public CompletableFuture<TunnelStatus> disconnect() {
        return onLoop(() -> CompletableFuture.completedFuture(tunnel.disconnect()));
    }

    /**
     * Measures {@code gateway}'s round trip and throughput through its own routes (through the tunnel when it is the
     * one in use) and records them; completes with its snapshot, or fails with a readable reason.
     */
    public CompletableFuture<GatewaySnapshot> speedTest(NodeId gateway) {
        return onLoop(() -> tunnel.speedTest(gateway));
    }

    /** The gateway the user chose with {@link #connectTo}, or null while the client chooses ("auto"). */
    public NodeId chosenGateway() {
        GatewayCandidate chosen = tunnel.chosen();
        return chosen == null ? null : chosen.gateway();
    }

    private <T> CompletableFuture<T> onLoop(java.util.function.Supplier<CompletableFuture<T>> action) {
        try {
            return CompletableFuture.supplyAsync(action, group.next()).thenCompose(future -> future);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the proxy has stopped", e));
        }
    }

    @Override
    public void close() {
        socks.close();
        if (http != null) {
            http.close();
        }
        group.next().submit(tunnel::close).awaitUninterruptibly(3, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
