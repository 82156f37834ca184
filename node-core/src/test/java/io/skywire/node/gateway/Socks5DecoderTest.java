package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skywire.node.stream.StreamTarget;
import org.junit.jupiter.api.Test;

/** The SOCKS5 decoder on an EmbeddedChannel: byte-by-byte input, typed refusals, no read past the request, no leaks. */
class Socks5DecoderTest {

    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer(values.length);
        for (int v : values) {
            buf.writeByte(v);
        }
        return buf;
    }

    @Test
    void decodesGreetingCredentialsAndRequestFedOneByteAtATime() {
        EmbeddedChannel channel = new EmbeddedChannel(new Socks5Decoder(true));
        int[] input = {5, 2, 0, 2, 1, 1, 'u', 1, 'p', 5, 1, 0, 3, 4, 'a', '.', 'i', 'o', 1, 187, 'G', 'E'};
        for (int b : input) {
            channel.writeInbound(bytes(b));
        }
        assertThat((Socks5Message.Greeting) channel.readInbound()).matches(g -> g.offers(2) && g.offers(0));
        assertThat((Socks5Message.Credentials) channel.readInbound()).isEqualTo(new Socks5Message.Credentials("u", "p"));
        assertThat((Socks5Message.Connect) channel.readInbound())
                .isEqualTo(new Socks5Message.Connect(StreamTarget.of("a.io", 443)));
        assertThat((Object) channel.readInbound()).as("bytes after the request stay for the tunnel").isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void decodesIpv6Requests() {
        EmbeddedChannel channel = new EmbeddedChannel(new Socks5Decoder(false));
        ByteBuf request = bytes(5, 1, 0, 5, 1, 0, 4);
        request.writeBytes(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}).writeShort(80);
        channel.writeInbound(request);
        channel.readInbound();
        assertThat((Socks5Message.Connect) channel.readInbound())
                .isEqualTo(new Socks5Message.Connect(StreamTarget.of("2001:db8::1", 80)));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void refusesWithTheRfcReplyCode() {
        int[][] cases = {{5, 1, 0, 5, 2, 0, 1, 1, 2, 3, 4, 0, 80}, {5, 1, 0, 5, 1, 0, 9, 0, 0}};
        int[] replies = {Socks5Decoder.REP_COMMAND_NOT_SUPPORTED, Socks5Decoder.REP_ADDRESS_TYPE_NOT_SUPPORTED};
        for (int i = 0; i < cases.length; i++) {
            EmbeddedChannel channel = new EmbeddedChannel(new Socks5Decoder(false));
            int reply = replies[i];
            ByteBuf input = bytes(cases[i]);
            assertThatThrownBy(() -> channel.writeInbound(input))
                    .isInstanceOfSatisfying(Socks5Exception.class, e -> assertThat(e.reply()).isEqualTo(reply));
            channel.finishAndReleaseAll();
        }
        EmbeddedChannel wrongVersion = new EmbeddedChannel(new Socks5Decoder(false));
        assertThatThrownBy(() -> wrongVersion.writeInbound(bytes(4, 1, 0)))
                .isInstanceOfSatisfying(Socks5Exception.class, e -> assertThat(e.reply()).isEqualTo(-1));
        wrongVersion.finishAndReleaseAll();
    }

    @Test
    void aNameLengthLargerThanTheBytesSentWaitsInsteadOfReading() {
        EmbeddedChannel channel = new EmbeddedChannel(new Socks5Decoder(false));
        ByteBuf input = bytes(5, 1, 0, 5, 1, 0, 3, 255, 'a', 'b');
        channel.writeInbound(input);
        channel.readInbound();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
        assertThat(input.refCnt()).isZero();
    }
}
