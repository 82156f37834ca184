package io.skywire.node.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Seals each outbound {@code ByteBuf} into one frame. While the current key's budget is spent and the
 * peer has not yet accepted a rekey, writes wait in order in a backlog instead of failing, and go out on
 * the next flush after the key rotated.
 */
final class EncryptHandler extends ChannelOutboundHandlerAdapter {

    private record Waiting(byte[] payload, ChannelPromise promise) {
    }

    private final LinkCipher cipher;
    private final int maxPayload;
    private final LongSupplier nanoClock;
    private final Deque<Waiting> backlog = new ArrayDeque<>();

    EncryptHandler(LinkCipher cipher, int maxPayload, LongSupplier nanoClock) {
        this.cipher = cipher;
        this.maxPayload = maxPayload;
        this.nanoClock = nanoClock;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            // Passing an unknown message on would send it unencrypted.
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException("a link carries ByteBuf payloads only, got "
                    + msg.getClass().getName()));
            return;
        }
        byte[] payload;
        try {
            payload = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        if (payload.length > maxPayload) {
            promise.setFailure(new IllegalArgumentException("payload of " + payload.length
                    + " bytes exceeds the frame maximum of " + maxPayload));
            return;
        }
        sendDueControl(ctx);
        if (!backlog.isEmpty() || !cipher.canSend()) {
            backlog.add(new Waiting(payload, promise));
            return;
        }
        ctx.write(Unpooled.wrappedBuffer(cipher.seal(payload)), promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // Draining a long backlog can reach the next rekey threshold; the offer must go out with it.
        sendDueControl(ctx);
        while (!backlog.isEmpty() && cipher.canSend()) {
            Waiting waiting = backlog.poll();
            ctx.write(Unpooled.wrappedBuffer(cipher.seal(waiting.payload())), waiting.promise());
        }
        ctx.flush();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ClosedChannelException closed = new ClosedChannelException();
        Waiting waiting;
        while ((waiting = backlog.poll()) != null) {
            waiting.promise().tryFailure(closed);
        }
    }

    /** Piggybacks a due rekey offer on traffic, so a busy link rotates on frame count without a timer tick. */
    private void sendDueControl(ChannelHandlerContext ctx) {
        for (byte[] frame : cipher.poll(nanoClock.getAsLong())) {
            ctx.write(Unpooled.wrappedBuffer(frame));
        }
    }
}
