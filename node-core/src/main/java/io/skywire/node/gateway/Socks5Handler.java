package io.skywire.node.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.ReadTimeoutException;
import io.skywire.node.stream.ResetReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a SOCKS5 handshake: chooses no-auth or username/password, checks credentials, opens a stream to the
 * requested destination through the gateway and replies with the RFC 1928 code the gateway's answer maps to.
 */
final class Socks5Handler extends SimpleChannelInboundHandler<Socks5Message> {

    private static final Logger LOG = LoggerFactory.getLogger(Socks5Handler.class);
    private static final int METHOD_NONE = 0x00;
    private static final int METHOD_PASSWORD = 0x02;
    private static final int NO_ACCEPTABLE_METHOD = 0xff;

    private final TunnelConnector tunnel;
    private final ProxyCredentials credentials;

    Socks5Handler(TunnelConnector tunnel, ProxyCredentials credentials) {
        this.tunnel = tunnel;
        this.credentials = credentials;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Socks5Message message) {
        if (message instanceof Socks5Message.Greeting greeting) {
            int method = credentials != null ? METHOD_PASSWORD : METHOD_NONE;
            if (greeting.offers(method)) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {5, (byte) method}));
            } else {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {5, (byte) NO_ACCEPTABLE_METHOD}))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        } else if (message instanceof Socks5Message.Credentials given) {
            boolean ok = credentials.matches(given.username(), given.password());
            var reply = ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, (byte) (ok ? 0 : 1)}));
            if (!ok) {
                LOG.debug("SOCKS5 client {} gave wrong credentials", ctx.channel().remoteAddress());
                reply.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (message instanceof Socks5Message.Connect connect) {
            ctx.channel().config().setAutoRead(false);
            // The timeout covers the client's request only; the wait for the gateway is bounded by its connect timeout.
            ctx.pipeline().remove(ProxyInitializers.TIMEOUT);
            tunnel.connect(ctx.channel(), connect.target(), new TunnelConnector.OpenListener() {
                @Override
                public void opened(Channel channel) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(reply(0)));
                }

                @Override
                public void refused(Channel channel, ResetReason reason) {
                    int code = reason.code() <= 8 ? reason.code() : Socks5Decoder.REP_GENERAL_FAILURE;
                    channel.writeAndFlush(Unpooled.wrappedBuffer(reply(code))).addListener(ChannelFutureListener.CLOSE);
                }
            }, ProxyInitializers.HANDLER, ProxyInitializers.DECODER);
        }
    }

    /** A reply with the given code and bound address 0.0.0.0:0 (the gateway's own address is not the client's business). */
    static byte[] reply(int code) {
        return new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0};
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Socks5Exception refused) {
            LOG.debug("SOCKS5 client {}: {}", ctx.channel().remoteAddress(), refused.getMessage());
            if (refused.reply() >= 0) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(reply(refused.reply()))).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        } else if (cause instanceof ReadTimeoutException) {
            LOG.debug("SOCKS5 client {} sent no complete request in time", ctx.channel().remoteAddress());
        } else {
            LOG.debug("SOCKS5 client {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
