package io.skywire.node.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamTarget;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a proxied request straight to its destination, outside the tunnel: what the proxy does while no gateway
 * works and the kill switch is off. Names are resolved here, off the event loop, by the system resolver (so this
 * path leaks DNS, which is what the kill switch exists to prevent). Bytes are relayed with back-pressure both ways
 * and half-closes passed through.
 */
final class DirectConnector implements TunnelConnector {

    private static final Logger LOG = LoggerFactory.getLogger(DirectConnector.class);

    private final int connectTimeoutMillis;
    private final Executor resolver;

    DirectConnector(int connectTimeoutMillis, Executor resolver) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.resolver = resolver;
    }

    @Override
    public void connect(Channel channel, StreamTarget target, OpenListener listener, String... handshakeHandlers) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(target.host());
            } catch (UnknownHostException e) {
                return null;
            }
        }, resolver).whenComplete((address, error) -> channel.eventLoop().execute(() -> {
            if (address == null) {
                listener.refused(channel, ResetReason.HOST_UNREACHABLE);
            } else {
                dial(channel, new InetSocketAddress(address, target.port()), listener, handshakeHandlers);
            }
        }));
    }

    private void dial(Channel client, InetSocketAddress address, OpenListener listener, String... handshakeHandlers) {
        if (!client.isActive()) {
            return;
        }
        Relay toClient = new Relay(client);
        new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(toClient)
                .connect(address).addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        Throwable cause = connected.cause();
                        LOG.debug("direct connection to {} failed: {}", address, cause.toString());
                        listener.refused(client, cause instanceof ConnectTimeoutException ? ResetReason.TIMED_OUT
                                : cause instanceof ConnectException ? ResetReason.CONNECTION_REFUSED
                                : ResetReason.GENERAL_FAILURE);
                        return;
                    }
                    Channel outbound = connected.channel();
                    if (!client.isActive()) {
                        outbound.close();
                        return;
                    }
                    listener.opened(client);
                    ChannelPipeline pipeline = client.pipeline();
                    pipeline.addLast("direct-relay", new Relay(outbound));
                    for (String name : handshakeHandlers) {
                        pipeline.remove(name);
                    }
                    client.config().setAutoRead(true);
                    outbound.config().setAutoRead(true);
                });
    }

    /** Writes what its channel reads to the peer; stops reading while the peer cannot take more. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.writeAndFlush(msg).addListener((ChannelFutureListener) written -> {
                if (!written.isSuccess()) {
                    ctx.close();
                }
            });
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // This channel drained: the peer may read again.
            peer.config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent && peer instanceof DuplexChannel duplex) {
                // A half-close passes through; once both directions are shut, both sockets close.
                DuplexChannel self = (DuplexChannel) ctx.channel();
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> duplex.shutdownOutput()
                        .addListener(shut -> {
                            if (duplex.isInputShutdown()) {
                                duplex.close();
                                self.close();
                            }
                        }));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("direct relay: {}", cause.toString());
            ctx.close();
        }
    }
}
