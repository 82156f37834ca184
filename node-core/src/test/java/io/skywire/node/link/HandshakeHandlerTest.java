package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeHandlerTest {

    final AtomicLong clock = new AtomicLong();
    final LinkSettings settings = LinkSettings.defaults().withSources(TestKeys.seeded(7), clock::get)
            .withHandshakeTimeout(Duration.ofSeconds(5));
    final LinkMetrics clientMetrics = new LinkMetrics();
    final LinkMetrics serverMetrics = new LinkMetrics();
    final RecordingHandler clientApp = new RecordingHandler();
    final RecordingHandler serverApp = new RecordingHandler();
    EmbeddedChannel client;
    EmbeddedChannel server;

    void connect(NodeId serverKeyAsSeenByClient) {
        client = new EmbeddedChannel(LinkChannelInitializer.initiator(LinkPair.INITIATOR_SECRET,
                serverKeyAsSeenByClient, settings, () -> clientApp, clientMetrics));
        server = new EmbeddedChannel(LinkChannelInitializer.responder(LinkPair.RESPONDER_SECRET, settings,
                () -> serverApp, serverMetrics));
    }

    /** Moves bytes between the two channels until neither has anything left to send. */
    void shuttle() {
        boolean moved = true;
        while (moved) {
            moved = pump(client, server) | pump(server, client);
        }
    }

    static boolean pump(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        ByteBuf out;
        while ((out = from.readOutbound()) != null) {
            moved = true;
            if (to.isOpen()) {
                to.writeInbound(out);
            } else {
                out.release();
            }
        }
        return moved;
    }

    @AfterEach
    void releaseEverything() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    @Test
    void handshakeInstallsTheSteadyStatePipelineAndFiresLinkEstablished() {
        connect(TestKeys.publicOf(LinkPair.RESPONDER_SECRET));
        assertThat(server.pipeline().names()).startsWith(LinkChannelInitializer.FRAME_DECODER,
                LinkChannelInitializer.FRAME_ENCODER, LinkChannelInitializer.HANDSHAKE, LinkChannelInitializer.FAILURE);
        shuttle();

        for (EmbeddedChannel channel : new EmbeddedChannel[] {client, server}) {
            assertThat(channel.pipeline().names()).startsWith(LinkChannelInitializer.FRAME_DECODER,
                    LinkChannelInitializer.FRAME_ENCODER, LinkChannelInitializer.DECRYPT, LinkChannelInitializer.REKEY,
                    LinkChannelInitializer.ENCRYPT, LinkChannelInitializer.APPLICATION, LinkChannelInitializer.FAILURE);
        }
        assertThat(clientApp.established).containsExactly(
                new LinkEstablished(TestKeys.publicOf(LinkPair.RESPONDER_SECRET), true));
        assertThat(serverApp.established).containsExactly(
                new LinkEstablished(TestKeys.publicOf(LinkPair.INITIATOR_SECRET), false));
        assertThat(serverMetrics.established()).isEqualTo(1);

        client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        server.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {4}));
        shuttle();
        assertThat(serverApp.payloads).containsExactly(new byte[] {1, 2, 3});
        assertThat(clientApp.payloads).containsExactly(new byte[] {4});
    }

    @Test
    void wrongResponderKeyClosesTheServerSideAndIsCounted() {
        connect(TestKeys.publicOf(TestKeys.repeated(0x55)));
        shuttle();
        assertThat(server.isOpen()).isFalse();
        assertThat(serverMetrics.breaches(LinkBreach.HANDSHAKE_FAILED)).isEqualTo(1);
        assertThat(serverApp.established).isEmpty();
    }

    @Test
    void garbageInsteadOfActOneClosesTheLink() {
        connect(TestKeys.publicOf(LinkPair.RESPONDER_SECRET));
        ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {0, 5, 'h', 'e', 'l', 'l', 'o', 0, 1, 2});
        server.writeInbound(garbage);
        assertThat(garbage.refCnt()).isZero();
        assertThat(server.isOpen()).isFalse();
        assertThat(serverMetrics.breaches(LinkBreach.HANDSHAKE_FAILED)).isEqualTo(1);
        assertThat(serverMetrics.totalBreaches()).isEqualTo(1);
    }

    @Test
    void tamperedActTwoClosesTheClient() {
        connect(TestKeys.publicOf(LinkPair.RESPONDER_SECRET));
        pump(client, server);
        // LengthFieldPrepender emits the prefix and the frame as two buffers.
        ByteBuf prefix = server.readOutbound();
        ByteBuf actTwo = server.readOutbound();
        actTwo.setByte(actTwo.writerIndex() - 1, actTwo.getByte(actTwo.writerIndex() - 1) ^ 1);
        client.writeInbound(prefix, actTwo);
        assertThat(client.isOpen()).isFalse();
        assertThat(clientMetrics.breaches(LinkBreach.HANDSHAKE_FAILED)).isEqualTo(1);
    }

    @Test
    void silentPeerTimesOut() {
        connect(TestKeys.publicOf(LinkPair.RESPONDER_SECRET));
        server.advanceTimeBy(4, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        assertThat(server.isOpen()).isTrue();
        server.advanceTimeBy(2, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
        assertThat(server.isOpen()).isFalse();
        assertThat(serverMetrics.breaches(LinkBreach.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    }
}
