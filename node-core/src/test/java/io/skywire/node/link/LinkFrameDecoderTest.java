package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class LinkFrameDecoderTest {

    final LinkMetrics metrics = new LinkMetrics();
    final EmbeddedChannel channel = new EmbeddedChannel(new LinkFrameDecoder(100), new LinkFailureHandler(metrics));

    @Test
    void reassemblesSplitFramesSplitsCoalescedOnesAndCountsATrailingPartialPrefix() {
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2});
        ByteBuf second = Unpooled.wrappedBuffer(new byte[] {3, 0, 1, 9, 0});
        assertThat(channel.writeInbound(first)).isFalse();
        assertThat(channel.writeInbound(second)).isTrue();

        ByteBuf a = channel.readInbound();
        ByteBuf b = channel.readInbound();
        assertThat(a.readableBytes()).isEqualTo(3);
        assertThat(a.getByte(2)).isEqualTo((byte) 3);
        assertThat(b.readableBytes()).isEqualTo(1);
        assertThat(first.refCnt()).isZero();
        a.release();
        b.release();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finish()).isFalse();
        // The frames were slices of the decoder's buffer; with them and the decoder gone, nothing is left.
        assertThat(a.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        assertThat(metrics.totalBreaches()).isEqualTo(1);
        assertThat(metrics.breaches(LinkBreach.TRUNCATED_FRAME)).isEqualTo(1);
    }

    @Test
    void oversizedLengthClosesTheLinkAndDiscardsTheRest() {
        ByteBuf input = Unpooled.wrappedBuffer(new byte[] {0, 101, 1, 2, 3, 0, 1, 7});
        channel.writeInbound(input);
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(input.refCnt()).isZero();
        assertThat(metrics.breaches(LinkBreach.OVERSIZED_FRAME)).isEqualTo(1);
        assertThat(metrics.totalBreaches()).isEqualTo(1);
    }

    @Test
    void zeroLengthIsABreach() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0}));
        assertThat(channel.isOpen()).isFalse();
        assertThat(metrics.breaches(LinkBreach.TRUNCATED_FRAME)).isEqualTo(1);
    }

    @Test
    void streamEndingInsideAFrameIsCountedAsTruncated() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 50, 1, 2, 3}));
        assertThat(channel.isOpen()).isTrue();
        channel.close();
        assertThat(metrics.breaches(LinkBreach.TRUNCATED_FRAME)).isEqualTo(1);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
