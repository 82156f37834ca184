package io.skywire.node.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.skywire.node.stream.ResetReason;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one TCP channel to one stream: socket bytes go out within the stream's window (reading stops while it
 * is closed), stream bytes are written to the socket and their window returned once written, a FIN either way
 * becomes a half-close the other way, and a reset either way becomes a reset (RST) the other way.
 */
final class StreamBridgeHandler extends ChannelInboundHandlerAdapter implements StreamEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBridgeHandler.class);

    private final RouteStreams streams;
    private final Runnable onOpened;
    private final Consumer<ResetReason> onRefused;
    private ChannelHandlerContext ctx;
    private int streamId;
    private boolean opened;
    private ByteBuf pending;
    private boolean inputShutdown;
    private boolean finSent;
    private boolean finReceived;
    private boolean outputShutdown;

    /**
     * @param onOpened  called when a stream this end opened is accepted (client side), else null
     * @param onRefused called when such a stream is refused before it opened, else null
     */
    StreamBridgeHandler(RouteStreams streams, Runnable onOpened, Consumer<ResetReason> onRefused) {
        this.streams = streams;
        this.onOpened = onOpened;
        this.onRefused = onRefused;
    }

    void bind(int id) {
        this.streamId = id;
    }

    /** For the accepting side: the stream is open once the outbound connection is. */
    void markOpened() {
        opened = true;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        releasePending();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            context.fireChannelRead(msg);
            return;
        }
        if (pending == null) {
            pending = buf;
        } else {
            pending = Unpooled.wrappedBuffer(pending, buf);
        }
        pump();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            inputShutdown = true;
            pump();
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        releasePending();
        if (streams.exists(streamId)) {
            streams.reset(streamId, ResetReason.CANCELLED);
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // Resets and broken pipes are routine on the internet: pass them on as a stream reset, log quietly.
        LOG.debug("stream {}: socket error: {}", streamId, cause.toString());
        if (streams.exists(streamId)) {
            streams.reset(streamId, cause instanceof IOException ? ResetReason.CONNECTION_RESET
                    : ResetReason.GENERAL_FAILURE);
        }
        context.close();
    }

    @Override
    public void onOpened() {
        opened = true;
        if (onOpened != null) {
            onOpened.run();
        }
    }

    @Override
    public void onData(byte[] bytes) {
        int length = bytes.length;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess()) {
                streams.consumed(streamId, length);
            }
        });
    }

    @Override
    public void onFin() {
        finReceived = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput().addListener(done -> {
                    outputShutdown = true;
                    closeIfDone();
                });
            }
        });
    }

    @Override
    public void onReset(ResetReason reason) {
        if (!opened) {
            if (onRefused != null) {
                onRefused.accept(reason);
            } else if (ctx != null) {
                ctx.close();
            }
            return;
        }
        LOG.debug("stream {} reset by the far end: {}", streamId, reason);
        releasePending();
        if (ctx != null) {
            Channel channel = ctx.channel();
            // Linger 0 makes close send an RST, so the local peer sees the reset the far socket saw.
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }
    }

    @Override
    public void onWritable() {
        pump();
    }

    private void pump() {
        if (!opened || ctx == null) {
            return;
        }
        while (pending != null && pending.isReadable()) {
            long window = streams.sendWindow(streamId);
            if (window == 0 || !streams.routeWritable(this)) {
                break;
            }
            int length = (int) Math.min(pending.readableBytes(), window);
            byte[] bytes = new byte[length];
            pending.readBytes(bytes);
            streams.send(streamId, bytes, 0, length);
        }
        if (pending != null && !pending.isReadable()) {
            releasePending();
        }
        if (pending == null && inputShutdown && !finSent) {
            finSent = true;
            streams.finish(streamId);
            closeIfDone();
        }
        ctx.channel().config().setAutoRead(pending == null && !inputShutdown);
    }

    private void closeIfDone() {
        if (finSent && finReceived && outputShutdown) {
            ctx.close();
        }
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
