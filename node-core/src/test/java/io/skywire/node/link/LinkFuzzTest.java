package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;

/**
 * Jazzer fuzz tests; under plain {@code mvn test} they run in regression mode over the seeds in
 * {@code src/test/resources/io/skywire/node/link/LinkFuzzTestInputs/} (and any local .cifuzz-corpus).
 */
class LinkFuzzTest {

    static final HandshakeResult[] KEYS = LinkPair.handshake(90);

    /** Arbitrary bytes, cut into arbitrary reads: the decoder yields frames or a typed breach, and leaks nothing. */
    @FuzzTest(maxDuration = "30s")
    void frameDecoder(FuzzedDataProvider data) {
        LinkMetrics metrics = new LinkMetrics();
        EmbeddedChannel channel = new EmbeddedChannel(new LinkFrameDecoder(200), new LinkFailureHandler(metrics));
        java.util.List<ByteBuf> inputs = new java.util.ArrayList<>();
        while (data.remainingBytes() > 0 && channel.isOpen()) {
            byte[] chunk = data.consumeBytes(1 + data.consumeInt(0, 64));
            ByteBuf input = Unpooled.wrappedBuffer(chunk);
            inputs.add(input);
            channel.writeInbound(input);
            ByteBuf frame;
            while ((frame = channel.readInbound()) != null) {
                assertThat(frame.readableBytes()).isBetween(1, 200);
                frame.release();
            }
        }
        channel.finishAndReleaseAll();
        // The decoder may keep an input as its cumulation buffer; once it is gone, every input must be freed.
        assertThat(inputs).allSatisfy(input -> assertThat(input.refCnt()).isZero());
        // Every breach came through the failure handler as a typed LinkProtocolException; nothing unexpected.
        assertThat(metrics.totalBreaches()).isLessThanOrEqualTo(1);
    }

    /** Acts one to three fed arbitrary bytes only ever throw HandshakeException. */
    @FuzzTest(maxDuration = "30s")
    void handshakeActs(FuzzedDataProvider data) {
        int which = data.consumeInt(1, 3);
        byte[] act = data.consumeRemainingAsBytes();
        try {
            if (which == 1) {
                new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1, LinkPair.RESPONDER_SECRET, TestKeys.seeded(1))
                        .actTwo(act);
            } else if (which == 2) {
                InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1,
                        LinkPair.INITIATOR_SECRET, TestKeys.publicOf(LinkPair.RESPONDER_SECRET), TestKeys.seeded(2));
                initiator.actOne();
                initiator.actThree(act);
            } else {
                InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1,
                        LinkPair.INITIATOR_SECRET, TestKeys.publicOf(LinkPair.RESPONDER_SECRET), TestKeys.seeded(3));
                ResponderHandshake responder = new ResponderHandshake(NoiseProfile.SKYWIRE_LINK_V1,
                        LinkPair.RESPONDER_SECRET, TestKeys.seeded(4));
                responder.actTwo(initiator.actOne());
                responder.actThree(act);
            }
        } catch (HandshakeException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    /** Arbitrary frames never throw from the transport: they are refused with a counted reason. */
    @FuzzTest(maxDuration = "30s")
    void transportOpen(FuzzedDataProvider data) {
        LinkCipher receiver = new LinkCipher(KEYS[1], RekeyPolicy.DEFAULT.withRotationInterval(Duration.ofHours(1)),
                TestKeys.seeded(5), 0);
        Opened opened = receiver.open(data.consumeRemainingAsBytes(), 0);
        assertThat(opened).isInstanceOf(Opened.Rejected.class);
    }
}
