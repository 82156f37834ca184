package io.skywire.node.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Application handler for tests: records payloads and link events. */
final class RecordingHandler extends ChannelInboundHandlerAdapter {

    final List<byte[]> payloads = new CopyOnWriteArrayList<>();
    final List<LinkEstablished> established = new CopyOnWriteArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            payloads.add(ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof LinkEstablished event) {
            established.add(event);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
