package io.skywire.node.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.skywire.node.stream.ResetReason;
import io.skywire.node.stream.StreamTarget;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers an HTTP CONNECT request: opens a stream through the gateway and replies 200, 403, 502 or 504. */
final class HttpConnectHandler extends SimpleChannelInboundHandler<StreamTarget> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectHandler.class);
    private final TunnelConnector tunnel;

    HttpConnectHandler(TunnelConnector tunnel) {
        this.tunnel = tunnel;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, StreamTarget target) {
        ctx.channel().config().setAutoRead(false);
        // The timeout covers the client's request only; the wait for the gateway is bounded by its connect timeout.
        ctx.pipeline().remove(ProxyInitializers.TIMEOUT);
        tunnel.connect(ctx.channel(), target, new TunnelConnector.OpenListener() {
            @Override
            public void opened(Channel channel) {
                channel.writeAndFlush(response("200 Connection established"));
            }

            @Override
            public void refused(Channel channel, ResetReason reason) {
                String status = switch (reason) {
                    case NOT_ALLOWED -> "403 Forbidden";
                    case TIMED_OUT -> "504 Gateway Timeout";
                    default -> "502 Bad Gateway";
                };
                channel.writeAndFlush(response(status)).addListener(ChannelFutureListener.CLOSE);
            }
        }, ProxyInitializers.HANDLER, ProxyInitializers.DECODER);
    }

    private static io.netty.buffer.ByteBuf response(String status) {
        return Unpooled.copiedBuffer("HTTP/1.1 " + status + "\r\n\r\n", StandardCharsets.US_ASCII);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP proxy client {}: {}", ctx.channel().remoteAddress(), cause.toString());
        if (cause instanceof HttpProxyException refused) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(refused.responseHead(), StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
