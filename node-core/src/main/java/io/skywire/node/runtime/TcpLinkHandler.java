package io.skywire.node.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.skywire.node.engine.LinkId;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.LinkEstablished;

/**
 * The application handler of an encrypted TCP link: on {@link LinkEstablished} it gives the link to the
 * engine; each decrypted message is one engine datagram; channel writability gates the engine's pull loop.
 * Errors go on to the link pipeline's failure handler, which tells breaches from routine I/O errors.
 */
final class TcpLinkHandler extends ChannelInboundHandlerAdapter implements LinkPort {

    private final EngineDriver driver;
    private final int mtu;
    private Channel channel;
    private NodeId peer;
    private NodeId initiator;
    private LinkId id;

    TcpLinkHandler(EngineDriver driver, int mtu) {
        this.driver = driver;
        this.mtu = mtu;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof LinkEstablished established) {
            channel = ctx.channel();
            peer = established.peer();
            initiator = established.initiator() ? driver.self() : peer;
            id = driver.attach(this, mtu, 0);
            if (id == null) {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("a link delivers ByteBuf messages, got " + msg.getClass().getName());
        }
        byte[] datagram;
        try {
            datagram = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        if (id != null) {
            driver.onDatagram(id, datagram);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (id != null && ctx.channel().isWritable()) {
            driver.pump(id);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (id != null) {
            LinkId gone = id;
            id = null;
            driver.detach(gone);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public boolean ready(long now) {
        return id != null && channel.isActive() && channel.isWritable();
    }

    @Override
    public void transmit(byte[] datagram) {
        channel.write(Unpooled.wrappedBuffer(datagram), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void detached() {
        id = null;
        channel.close();
    }

    @Override
    public NodeId peer() {
        return peer;
    }

    @Override
    public NodeId initiator() {
        return initiator;
    }

    @Override
    public String describe() {
        return "tcp/" + channel.remoteAddress();
    }
}
