package io.skywire.node.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.LongSupplier;

/**
 * Opens each received frame: application payloads go up the pipeline, rekey messages are answered here,
 * and any refused frame is a breach, because a stream never legitimately duplicates, reorders or corrupts.
 */
final class DecryptHandler extends ChannelInboundHandlerAdapter {

    private final LinkCipher cipher;
    private final LongSupplier nanoClock;

    DecryptHandler(LinkCipher cipher, LongSupplier nanoClock) {
        this.cipher = cipher;
        this.nanoClock = nanoClock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("decrypt expects ByteBuf frames, got " + msg.getClass().getName());
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        Opened opened = cipher.open(bytes, nanoClock.getAsLong());
        if (opened instanceof Opened.Payload payload) {
            ctx.fireChannelRead(Unpooled.wrappedBuffer(payload.data()));
        } else if (opened instanceof Opened.Control control) {
            // Written from here the accept skips the encrypt handler: it is already sealed.
            for (byte[] reply : control.replies()) {
                ctx.write(Unpooled.wrappedBuffer(reply));
            }
            if (control.sendRotated()) {
                // A flush from the tail passes the encrypt handler, which then sends what waited for the new key.
                ctx.channel().flush();
            } else if (!control.replies().isEmpty()) {
                ctx.flush();
            }
        } else if (opened instanceof Opened.Rejected rejected) {
            throw new LinkProtocolException(rejected.breach(), rejected.detail());
        }
    }
}
