package io.skywire.node.runtime;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler of a node's UDP channel: hands each datagram to the transport (the base class releases
 * it) and reports writability. It never closes the channel, which carries every UDP link of the node.
 */
final class UdpDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(UdpDatagramHandler.class);

    private final UdpTransport transport;

    UdpDatagramHandler(UdpTransport transport) {
        this.transport = transport;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        transport.onDatagram(packet.sender(), packet.content());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            transport.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Protocol breaches on UDP are counted where they are found and never thrown; what arrives here is
        // either routine (ICMP port unreachable, a full buffer) or a bug, and neither should stop the socket.
        if (cause instanceof IOException) {
            LOG.debug("UDP I/O error on {}: {}", ctx.channel().localAddress(), cause.toString());
        } else {
            LOG.warn("unexpected error on UDP channel {}", ctx.channel().localAddress(), cause);
        }
    }
}
