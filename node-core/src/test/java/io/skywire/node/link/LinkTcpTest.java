package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two nodes over real loopback TCP: handshake, thousands of messages across rotations, and isolation. */
@Timeout(60)
class LinkTcpTest {

    static final int MESSAGES = 3000;
    static final RekeyPolicy FAST_ROTATION = new RekeyPolicy(Duration.ofMillis(20), 200, 1024,
            Duration.ofMillis(100), Duration.ofSeconds(1));

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final LinkSettings settings = LinkSettings.defaults().withRekeyPolicy(FAST_ROTATION);
    final LinkMetrics serverMetrics = new LinkMetrics();
    final LinkMetrics clientMetrics = new LinkMetrics();

    @AfterEach
    void shutdown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Sends a numbered burst when the link comes up and collects what the other side sends. */
    static final class Peer extends ChannelInboundHandlerAdapter {
        final int side;
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Channel> established = new CompletableFuture<>();
        volatile CompletableFuture<Void> receivedAll = new CompletableFuture<>();
        volatile int expected = MESSAGES;

        Peer(int side) {
            this.side = side;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof LinkEstablished) {
                sendBurst(ctx.channel(), side, 0, MESSAGES);
                established.complete(ctx.channel());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                received.add(ByteBufUtil.getBytes(buf));
            } finally {
                buf.release();
            }
            if (received.size() == expected) {
                receivedAll.complete(null);
            }
        }
    }

    static byte[] message(int side, int sequence) {
        SplittableRandom random = new SplittableRandom(31L * sequence + side);
        byte[] body = new byte[8 + random.nextInt(1000)];
        random.nextBytes(body);
        ByteBuffer.wrap(body).putInt(side).putInt(sequence);
        return body;
    }

    static void sendBurst(Channel channel, int side, int from, int to) {
        for (int i = from; i < to; i++) {
            channel.write(Unpooled.wrappedBuffer(message(side, i)));
            if (i % 64 == 63) {
                channel.flush();
            }
        }
        channel.flush();
    }

    static void assertInOrder(List<byte[]> received, int side, int from, int to) {
        assertThat(received).hasSize(to);
        for (int i = from; i < to; i++) {
            assertThat(received.get(i)).isEqualTo(message(side, i));
        }
    }

    @Test
    void thousandsOfMessagesBothWaysAcrossRotationsAndAGarbageConnectionLeavesTheLinkAlone() throws Exception {
        Peer server = new Peer(1);
        Peer client = new Peer(2);
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(LinkChannelInitializer.responder(LinkPair.RESPONDER_SECRET, settings, () -> server,
                        serverMetrics))
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(LinkChannelInitializer.initiator(LinkPair.INITIATOR_SECRET,
                        TestKeys.publicOf(LinkPair.RESPONDER_SECRET), settings, () -> client, clientMetrics))
                .connect("127.0.0.1", port).sync();

        Channel serverLink = server.established.get(10, TimeUnit.SECONDS);
        Channel clientLink = client.established.get(10, TimeUnit.SECONDS);
        server.receivedAll.get(30, TimeUnit.SECONDS);
        client.receivedAll.get(30, TimeUnit.SECONDS);
        assertInOrder(server.received, 2, 0, MESSAGES);
        assertInOrder(client.received, 1, 0, MESSAGES);

        // The client first: rotation keeps going on the 20 ms timer, so a later look at the server can only show
        // an equal or newer receive epoch than the client's send epoch seen here.
        LinkCounters clientCounters = countersOf(clientLink);
        LinkCounters serverCounters = countersOf(serverLink);
        // A key carries at most 1024 - 64 data frames, so 3000 messages need at least four keys each way,
        // whatever the timing; the 20 ms interval usually adds more.
        int minimumRotations = MESSAGES / (FAST_ROTATION.maxFramesPerKey() - RekeyPolicy.CONTROL_RESERVE);
        assertThat(clientCounters.sendEpoch()).isGreaterThanOrEqualTo(minimumRotations);
        assertThat(serverCounters.sendEpoch()).isGreaterThanOrEqualTo(minimumRotations);
        assertThat(serverCounters.receiveEpoch()).isGreaterThanOrEqualTo(clientCounters.sendEpoch() - 1);
        assertThat(serverCounters.badTag() + serverCounters.replayed() + serverCounters.otherRejected()).isZero();

        assertRawConnectionIsClosed(port, garbageAct());
        assertRawConnectionIsClosed(port, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});
        assertThat(serverMetrics.breaches(LinkBreach.HANDSHAKE_FAILED)).isEqualTo(1);
        assertThat(serverMetrics.breaches(LinkBreach.OVERSIZED_FRAME)).isEqualTo(1);

        // The established link is untouched: more traffic flows, in order, both ways.
        server.expected = MESSAGES + 500;
        server.receivedAll = new CompletableFuture<>();
        clientLink.eventLoop().execute(() -> sendBurst(clientLink, 2, MESSAGES, MESSAGES + 500));
        server.receivedAll.get(30, TimeUnit.SECONDS);
        assertInOrder(server.received, 2, MESSAGES, MESSAGES + 500);
        assertThat(serverLink.isActive()).isTrue();
        assertThat(serverMetrics.established()).isEqualTo(1);
        assertThat(clientMetrics.totalBreaches()).isZero();
        listener.close().sync();
    }

    private static LinkCounters countersOf(Channel channel) throws Exception {
        return channel.eventLoop().submit(() -> channel.attr(LinkChannelInitializer.COUNTERS).get().get())
                .get(5, TimeUnit.SECONDS);
    }

    private static byte[] garbageAct() {
        byte[] bytes = new byte[2 + 50];
        bytes[1] = 50;
        for (int i = 2; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        return bytes;
    }

    /** Connects a raw socket, sends the bytes, and expects the server to close it (read returns EOF). */
    private static void assertRawConnectionIsClosed(int port, byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
