package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EmbeddedChannel tests of the decrypt and encrypt handlers against a real peer cipher. */
class CipherHandlersTest {

    static final RekeyPolicy POLICY = RekeyPolicy.DEFAULT.withRotationInterval(Duration.ofHours(1))
            .withFrameLimits(100, 300);

    final AtomicLong clock = new AtomicLong();
    final LinkMetrics metrics = new LinkMetrics();
    final LinkPair pair = LinkPair.create(POLICY, 40, 0);
    final RecordingHandler app = new RecordingHandler();
    final EmbeddedChannel decrypting = new EmbeddedChannel(new DecryptHandler(pair.responder(), clock::get), app,
            new LinkFailureHandler(metrics));
    final EmbeddedChannel encrypting = new EmbeddedChannel(new EncryptHandler(pair.initiator(), 1000, clock::get),
            new LinkFailureHandler(metrics));

    @AfterEach
    void release() {
        decrypting.finishAndReleaseAll();
        encrypting.finishAndReleaseAll();
    }

    @Test
    void decryptDeliversPayloadsAndReleasesFrames() {
        ByteBuf frame = Unpooled.wrappedBuffer(pair.initiator().seal(new byte[] {1, 2}));
        decrypting.writeInbound(frame);
        assertThat(frame.refCnt()).isZero();
        assertThat(app.payloads).containsExactly(new byte[] {1, 2});
        assertThat(decrypting.isOpen()).isTrue();
    }

    @Test
    void replayClosesTheLinkAndIsCounted() {
        byte[] frame = pair.initiator().seal(new byte[] {1});
        decrypting.writeInbound(Unpooled.wrappedBuffer(frame));
        decrypting.writeInbound(Unpooled.wrappedBuffer(frame.clone()));
        assertThat(decrypting.isOpen()).isFalse();
        assertThat(metrics.breaches(LinkBreach.REPLAYED)).isEqualTo(1);
        assertThat(pair.responder().counters().replayed()).isEqualTo(1);
        assertThat(app.payloads).hasSize(1);
    }

    @Test
    void tamperedTagClosesTheLinkAndIsCounted() {
        byte[] frame = pair.initiator().seal(new byte[] {1});
        frame[frame.length - 1] ^= 0x40;
        decrypting.writeInbound(Unpooled.wrappedBuffer(frame));
        assertThat(decrypting.isOpen()).isFalse();
        assertThat(metrics.breaches(LinkBreach.BAD_TAG)).isEqualTo(1);
        assertThat(app.payloads).isEmpty();
    }

    @Test
    void garbageAndTruncatedFramesCloseTheLink() {
        decrypting.writeInbound(Unpooled.wrappedBuffer(new byte[] {9, 9, 9}));
        assertThat(decrypting.isOpen()).isFalse();
        assertThat(metrics.breaches(LinkBreach.TRUNCATED_FRAME)).isEqualTo(1);
    }

    @Test
    void encryptSealsFramesThePeerCanOpenAndRefusesNonBuffers() {
        encrypting.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {5, 6, 7}));
        ByteBuf sealed = encrypting.readOutbound();
        Opened opened = pair.responder().open(ByteBufUtil.getBytes(sealed), 0);
        sealed.release();
        assertThat(opened).isInstanceOfSatisfying(Opened.Payload.class,
                p -> assertThat(p.data()).containsExactly(5, 6, 7));

        ChannelFuture notABuffer = encrypting.writeAndFlush("plaintext string");
        assertThat(notABuffer.cause()).isInstanceOf(IllegalArgumentException.class);
        ChannelFuture tooBig = encrypting.writeAndFlush(Unpooled.wrappedBuffer(new byte[1001]));
        assertThat(tooBig.cause()).isInstanceOf(IllegalArgumentException.class);
        assertThat((Object) encrypting.readOutbound()).isNull();
    }

    @Test
    void writesWaitWhileTheKeyIsSpentAndFollowTheRotationInOrder() {
        int budget = POLICY.maxFramesPerKey() - RekeyPolicy.CONTROL_RESERVE;
        for (int i = 0; i < budget + 5; i++) {
            encrypting.write(Unpooled.wrappedBuffer(new byte[] {(byte) i}));
        }
        encrypting.flush();
        byte[] accept = null;
        int opened = 0;
        ByteBuf out;
        while ((out = encrypting.readOutbound()) != null) {
            Opened result = pair.responder().open(ByteBufUtil.getBytes(out), 0);
            out.release();
            if (result instanceof Opened.Control control) {
                accept = control.replies().get(0);
            } else {
                assertThat(((Opened.Payload) result).data()[0]).isEqualTo((byte) opened++);
            }
        }
        assertThat(accept).isNotNull();
        // The offer used one frame of the budget, so six writes are waiting.
        assertThat(opened).isEqualTo(budget - 1);

        decrypting.close();
        EmbeddedChannel loop = new EmbeddedChannel(new DecryptHandler(pair.initiator(), clock::get));
        loop.pipeline().addLast(new EncryptHandler(pair.initiator(), 1000, clock::get));
        loop.writeInbound(Unpooled.wrappedBuffer(accept));
        assertThat(loop.outboundMessages()).isEmpty();
        encrypting.flush();
        List<Object> drained = List.copyOf(encrypting.outboundMessages());
        encrypting.outboundMessages().clear();
        assertThat(drained).hasSize(6);
        for (Object buf : drained) {
            Opened result = pair.responder().open(ByteBufUtil.getBytes((ByteBuf) buf), 0);
            ((ByteBuf) buf).release();
            assertThat(((Opened.Payload) result).data()[0]).isEqualTo((byte) opened++);
        }
        assertThat(pair.initiator().counters().sendEpoch()).isEqualTo(1);
        loop.finishAndReleaseAll();
    }
}
