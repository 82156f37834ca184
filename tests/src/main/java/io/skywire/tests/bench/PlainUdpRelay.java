package io.skywire.tests.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline for a Skywire transit hop: a plain Netty UDP relay on loopback (source, relay, sink, each on its
 * own event loop) that forwards every datagram unchanged, with no encryption, no acknowledgement and no buffering.
 */
final class PlainUdpRelay implements AutoCloseable {

    private static final InetSocketAddress LOOPBACK_ANY = new InetSocketAddress("127.0.0.1", 0);
    private static final int SOCKET_BUFFER = 4 << 20;

    private final EventLoopGroup group = Epoll.isAvailable()
            ? new MultiThreadIoEventLoopGroup(3, EpollIoHandler.newFactory())
            : new MultiThreadIoEventLoopGroup(3, NioIoHandler.newFactory());
    private final AtomicLong sinkBytes = new AtomicLong();
    private final AtomicLong sinkDatagrams = new AtomicLong();
    private volatile boolean sending;

    /** Floods the relay with {@code messageBytes}-byte datagrams for the warm-up and then the measured time. */
    TransitResult run(int messageBytes, long warmupMillis, long measureMillis) throws InterruptedException {
        Channel sink = bind(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                sinkBytes.addAndGet(packet.content().readableBytes());
                sinkDatagrams.incrementAndGet();
            }
        });
        InetSocketAddress sinkAddress = (InetSocketAddress) sink.localAddress();
        Channel relay = bind(new SimpleChannelInboundHandler<DatagramPacket>(false) {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                ctx.write(new DatagramPacket(packet.content(), sinkAddress));
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                ctx.flush();
            }
        });
        InetSocketAddress relayAddress = (InetSocketAddress) relay.localAddress();
        Channel source = bind(new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                // The source receives nothing.
            }
        });
        byte[] message = new byte[messageBytes];
        sending = true;
        source.eventLoop().execute(() -> pump(source, relayAddress, message));
        Thread.sleep(warmupMillis);
        long bytesBefore = sinkBytes.get();
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        long bytes = sinkBytes.get() - bytesBefore;
        long elapsed = System.nanoTime() - start;
        sending = false;
        return TransitResult.of("plain Netty UDP relay", messageBytes, bytes, elapsed);
    }

    /** Writes while the channel is writable, then yields to the event loop so reads and flushes happen. */
    private void pump(Channel source, InetSocketAddress relay, byte[] message) {
        if (!sending) {
            return;
        }
        for (int i = 0; i < 64 && source.isWritable(); i++) {
            ByteBuf buffer = source.alloc().buffer(message.length).writeBytes(message);
            source.write(new DatagramPacket(buffer, relay));
        }
        source.flush();
        source.eventLoop().execute(() -> pump(source, relay, message));
    }

    private Channel bind(SimpleChannelInboundHandler<DatagramPacket> handler) throws InterruptedException {
        return new Bootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handler(handler)
                .bind(LOOPBACK_ANY).sync().channel();
    }

    @Override
    public void close() {
        sending = false;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
