package io.skywire.node.link;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Polls the link engine on a timer so that keys rotate on an idle link too and unanswered offers are
 * retransmitted; the engine decides whether anything is due.
 */
final class RekeyTimerHandler extends ChannelInboundHandlerAdapter {

    private final LinkCipher cipher;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private ScheduledFuture<?> ticks;

    RekeyTimerHandler(LinkCipher cipher, RekeyPolicy policy, LongSupplier nanoClock) {
        this.cipher = cipher;
        this.nanoClock = nanoClock;
        // Ticking at a quarter of the shortest deadline keeps rotation within 25% of its interval.
        long shortest = Math.min(policy.rotationInterval().toNanos(), policy.retransmitInterval().toNanos());
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), shortest / 4);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ticks = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ticks.cancel(false);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        List<byte[]> due;
        try {
            due = cipher.poll(nanoClock.getAsLong());
        } catch (LinkProtocolException e) {
            ctx.fireExceptionCaught(e);
            return;
        }
        if (!due.isEmpty()) {
            // Written from here the offer skips the encrypt handler: it is already sealed.
            for (byte[] frame : due) {
                ctx.write(Unpooled.wrappedBuffer(frame));
            }
            ctx.flush();
        }
    }
}
