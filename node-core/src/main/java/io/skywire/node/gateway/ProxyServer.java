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
import io.skywire.node.runtime.RouteOptions;
import io.skywire.node.runtime.RouteSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's local SOCKS5 and HTTP CONNECT proxies: one route to the chosen gateway, each accepted connection a
 * stream on it. Local sockets and the stream multiplexer share one event loop of their own (no locks, and the
 * node's loop stays free for its links).
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    private static final long ROUTE_SETUP_SECONDS = 20;

    private final EventLoopGroup group;
    private final GatewayTunnel tunnel;
    private final Channel socks;
    private final Channel http;

    private ProxyServer(EventLoopGroup group, GatewayTunnel tunnel, Channel socks, Channel http) {
        this.group = group;
        this.tunnel = tunnel;
        this.socks = socks;
        this.http = http;
    }

    /**
     * Opens a route through {@code pathToGateway} (the last hop is the gateway), then binds the proxies.
     *
     * @throws IOException when the route cannot be opened or an address cannot be bound
     */
    public static ProxyServer start(NodeRuntime node, List<NodeId> pathToGateway, ProxySettings settings)
            throws IOException, InterruptedException {
        RouteSession session;
        try {
            session = node.openRoute(pathToGateway, RouteOptions.bulk()).get(ROUTE_SETUP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no route to the gateway: " + (e.getCause() == null ? e : e.getCause()).toString(), e);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("skywire-proxy", true),
                NioIoHandler.newFactory());
        try {
            GatewayTunnel tunnel = new GatewayTunnel(session, group.next());
            Channel socks = bind(group, settings.socksListen(),
                    ProxyInitializers.socks5(tunnel, settings.credentials(), settings.handshakeTimeoutMillis()));
            Channel http = settings.httpListen() == null ? null : bind(group, settings.httpListen(),
                    ProxyInitializers.httpConnect(tunnel, settings.credentials(), settings.handshakeTimeoutMillis()));
            LOG.info("proxy over a {}-hop route: SOCKS5 {}, HTTP {}", pathToGateway.size(), socks.localAddress(),
                    http == null ? "off" : http.localAddress());
            return new ProxyServer(group, tunnel, socks, http);
        } catch (IOException | RuntimeException e) {
            session.close();
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

    /** Whether the route to the gateway has ended (the proxy then refuses every request). */
    public boolean routeEnded() {
        return tunnel.isEnded();
    }

    @Override
    public void close() {
        socks.close();
        if (http != null) {
            http.close();
        }
        tunnel.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
