package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the three handshake acts over length-prefixed frames, then replaces itself with the steady-state
 * handlers (decrypt, rekey timer, encrypt, application) and fires {@link LinkEstablished}.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

    private final InitiatorHandshake initiator;
    private final ResponderHandshake responder;
    private final LinkSettings settings;
    private final Supplier<? extends ChannelHandler> application;
    private final LinkMetrics metrics;
    private ScheduledFuture<?> timeout;
    private boolean sentActTwo;

    private HandshakeHandler(InitiatorHandshake initiator, ResponderHandshake responder, LinkSettings settings,
                             Supplier<? extends ChannelHandler> application, LinkMetrics metrics) {
        this.initiator = initiator;
        this.responder = responder;
        this.settings = settings;
        this.application = application;
        this.metrics = metrics;
    }

    static HandshakeHandler initiator(byte[] localSecret, NodeId remote, LinkSettings settings,
                                      Supplier<? extends ChannelHandler> application, LinkMetrics metrics) {
        return new HandshakeHandler(new InitiatorHandshake(settings.profile(), localSecret, remote,
                settings.ephemeralKeys()), null, settings, application, metrics);
    }

    static HandshakeHandler responder(byte[] localSecret, LinkSettings settings,
                                      Supplier<? extends ChannelHandler> application, LinkMetrics metrics) {
        return new HandshakeHandler(null, new ResponderHandshake(settings.profile(), localSecret,
                settings.ephemeralKeys()), settings, application, metrics);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> ctx.fireExceptionCaught(new LinkProtocolException(
                        LinkBreach.HANDSHAKE_TIMEOUT, "no handshake within " + settings.handshakeTimeout())),
                settings.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        if (initiator != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(initiator.actOne()));
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("handshake expects ByteBuf frames, got " + msg.getClass().getName());
        }
        byte[] act;
        try {
            act = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        try {
            if (initiator != null) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(initiator.actThree(act)));
                establish(ctx, initiator.result());
            } else if (!sentActTwo) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(responder.actTwo(act)));
                sentActTwo = true;
            } else {
                establish(ctx, responder.actThree(act));
            }
        } catch (HandshakeException e) {
            throw new LinkProtocolException(LinkBreach.HANDSHAKE_FAILED, e.getMessage());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ctx.fireChannelInactive();
    }

    private void establish(ChannelHandlerContext ctx, HandshakeResult result) {
        cancelTimeout();
        LinkCipher cipher = new LinkCipher(result, settings.rekeyPolicy(), settings.ephemeralKeys(),
                settings.nanoClock().getAsLong());
        ChannelPipeline pipeline = ctx.pipeline();
        // Frames already decoded behind act three in the same read go to whatever follows the decoder once
        // this returns, so the decrypt handler must be in place before the user event fires.
        pipeline.replace(this, LinkChannelInitializer.DECRYPT, new DecryptHandler(cipher, settings.nanoClock()));
        pipeline.addAfter(LinkChannelInitializer.DECRYPT, LinkChannelInitializer.REKEY,
                new RekeyTimerHandler(cipher, settings.rekeyPolicy(), settings.nanoClock()));
        pipeline.addAfter(LinkChannelInitializer.REKEY, LinkChannelInitializer.ENCRYPT,
                new EncryptHandler(cipher, settings.maxPayload(), settings.nanoClock()));
        pipeline.addAfter(LinkChannelInitializer.ENCRYPT, LinkChannelInitializer.APPLICATION, application.get());
        ctx.channel().attr(LinkChannelInitializer.COUNTERS).set(cipher::counters);
        metrics.recordEstablished();
        LOG.debug("link {} established with {}", ctx.channel().remoteAddress(), result.remoteStatic());
        pipeline.context(LinkChannelInitializer.DECRYPT)
                .fireUserEventTriggered(new LinkEstablished(result.remoteStatic(), result.initiator()));
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }
}
