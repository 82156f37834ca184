package io.skywire.node.discovery.lan;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multicast sockets of LAN discovery, on the node's event loop: one receiver bound to the group's port and
 * joined on every chosen interface, and one sender per interface (bound to that interface's IPv4 address, TTL 1),
 * because a datagram sent to a group leaves by one interface only. What arrives is handed on as bytes; reading it
 * is {@link LanDiscovery}'s job.
 */
public final class LanSockets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LanSockets.class);
    /** Larger than any announcement; a longer datagram is cut to this and then refused by its decoder. */
    static final int MAX_DATAGRAM = 2048;

    private final InetSocketAddress group;
    private final Channel receiver;
    private final List<Channel> senders;

    private LanSockets(InetSocketAddress group, Channel receiver, List<Channel> senders) {
        this.group = group;
        this.receiver = receiver;
        this.senders = senders;
    }

    /**
     * The interfaces to announce on: up, multicast-capable, with an IPv4 address; loopback only when asked. A node
     * bound to one address uses only the interface holding it (a node listening on 127.0.0.1 cannot be reached
     * from the LAN, so it stays off the LAN's wire).
     */
    public static List<NetworkInterface> interfaces(InetAddress bound, boolean loopback) throws SocketException {
        List<NetworkInterface> chosen = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || ipv4(nic) == null || (nic.isLoopback() && !loopback)
                    || (!nic.isLoopback() && !nic.supportsMulticast())) {
                continue;
            }
            if (bound != null && !bound.isAnyLocalAddress() && !Collections.list(nic.getInetAddresses())
                    .contains(bound)) {
                continue;
            }
            chosen.add(nic);
        }
        return chosen;
    }

    /**
     * Binds the receiver and the senders (blocking the caller, never the loop). {@code receive} runs on the loop
     * with the sender's address and the datagram's bytes. An interface that refuses the group (no multicast
     * route, a driver without it) is skipped with a warning; the caller sees it in {@link #interfaceCount()}.
     */
    public static LanSockets open(EventLoop loop, ChannelFactory<? extends DatagramChannel> factory,
                                  InetSocketAddress group, List<NetworkInterface> interfaces,
                                  BiConsumer<InetSocketAddress, byte[]> receive)
            throws IOException, InterruptedException {
        Channel receiver = new Bootstrap().group(loop).channelFactory(factory)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new Inbound(receive))
                .bind(new InetSocketAddress(group.getAddress(), group.getPort())).sync().channel();
        List<Channel> senders = new ArrayList<>();
        try {
            for (NetworkInterface nic : interfaces) {
                Channel sender = join(loop, factory, group, receiver, nic);
                if (sender != null) {
                    senders.add(sender);
                }
            }
        } catch (InterruptedException e) {
            receiver.close();
            senders.forEach(Channel::close);
            throw e;
        }
        return new LanSockets(group, receiver, senders);
    }

    private static Channel join(EventLoop loop, ChannelFactory<? extends DatagramChannel> factory,
                                InetSocketAddress group, Channel receiver, NetworkInterface nic)
            throws InterruptedException {
        ChannelFuture joined = ((DatagramChannel) receiver).joinGroup(group, nic).await();
        if (!joined.isSuccess()) {
            LOG.warn("LAN discovery cannot join {} on {}: {}", group, nic.getName(), joined.cause().toString());
            return null;
        }
        ChannelFuture bound = new Bootstrap().group(loop).channelFactory(factory)
                .option(ChannelOption.IP_MULTICAST_IF, nic)
                .option(ChannelOption.IP_MULTICAST_TTL, 1)
                .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
                .handler(new Inbound((from, bytes) -> { }))
                .bind(new InetSocketAddress(ipv4(nic), 0)).await();
        if (!bound.isSuccess()) {
            LOG.warn("LAN discovery cannot send on {}: {}", nic.getName(), bound.cause().toString());
            return null;
        }
        LOG.info("LAN discovery on {} ({}) via group {}", nic.getName(), ipv4(nic).getHostAddress(), group);
        return bound.channel();
    }

    /** How many interfaces announce. */
    public int interfaceCount() {
        return senders.size();
    }

    /** Sends one datagram to the group on every interface; call on the loop. */
    public void send(byte[] datagram) {
        for (Channel sender : senders) {
            ByteBuf buf = sender.alloc().buffer(datagram.length).writeBytes(datagram);
            sender.writeAndFlush(new DatagramPacket(buf, group), sender.voidPromise());
        }
    }

    @Override
    public void close() {
        receiver.close();
        senders.forEach(Channel::close);
    }

    private static InetAddress ipv4(NetworkInterface nic) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
            if (address instanceof Inet4Address) {
                return address;
            }
        }
        return null;
    }

    /** Copies each datagram out (the base class releases it); never closes the channel on an error. */
    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {

        private final BiConsumer<InetSocketAddress, byte[]> receive;

        Inbound(BiConsumer<InetSocketAddress, byte[]> receive) {
            this.receive = receive;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            receive.accept(packet.sender(), ByteBufUtil.getBytes(packet.content()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                LOG.debug("LAN socket {}: {}", ctx.channel().localAddress(), cause.toString());
            } else {
                LOG.warn("unexpected error on LAN socket {}", ctx.channel().localAddress(), cause);
            }
        }
    }
}
