package io.skywire.node.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stream frames round-trip byte for byte as docs/PROTOCOL.md section 3 describes, and bad input fails only typed. */
class StreamCodecTest {

    private static final List<StreamFrame> ALL = List.of(
            new StreamFrame.Open(1, 262_144, StreamTarget.of("example.org", 443)),
            new StreamFrame.Open(3, 65_536, StreamTarget.of("10.0.0.1", 80)),
            new StreamFrame.Open(5, 65_536, StreamTarget.of("2001:db8::1", 8080)),
            new StreamFrame.Opened(2, 1), new StreamFrame.Data(7, new byte[] {1, 2, 3}), new StreamFrame.Fin(9),
            new StreamFrame.Reset(11, ResetReason.NOT_ALLOWED), new StreamFrame.WindowUpdate(13, 65_536),
            new StreamFrame.Probe(7, false, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
            new StreamFrame.Probe(7, true, new byte[16_384]));

    @Test
    void everyFrameRoundTrips() throws StreamProtocolException {
        for (StreamFrame frame : ALL) {
            ByteBuffer in = ByteBuffer.wrap(StreamCodec.encode(frame));
            assertThat(StreamCodec.decode(in)).isEqualTo(frame);
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @Test
    void openIsLaidOutAsDocumented() {
        byte[] open = StreamCodec.encode(new StreamFrame.Open(1, 0x40000, StreamTarget.of("a.io", 443)));
        assertThat(HexFormat.of().formatHex(open)).isEqualTo("01" + "00000001" + "000c" + "00040000" + "01bb" + "03"
                + "04" + "612e696f");
        byte[] reset = StreamCodec.encode(new StreamFrame.Reset(2, ResetReason.CONNECTION_REFUSED));
        assertThat(HexFormat.of().formatHex(reset)).isEqualTo("05" + "00000002" + "0001" + "05");
        byte[] ping = StreamCodec.encode(new StreamFrame.Probe(3, false,
                HexFormat.of().parseHex("0102030405060708")));
        assertThat(HexFormat.of().formatHex(ping)).isEqualTo("07" + "00000003" + "0008" + "0102030405060708");
    }

    @Test
    void partialFramesWaitForTheRest() throws StreamProtocolException {
        byte[] bytes = StreamCodec.encode(ALL.get(0));
        for (int cut = 0; cut < bytes.length; cut++) {
            ByteBuffer partial = ByteBuffer.wrap(bytes, 0, cut);
            assertThat(StreamCodec.decode(partial)).isNull();
            assertThat(partial.position()).isZero();
        }
    }

    @Test
    void malformedFramesAreRefused() {
        List<String> bad = List.of(
                "09" + "00000001" + "0000",                          // unknown type
                "07" + "00000001" + "0007" + "00".repeat(7),         // PING body below 8 bytes
                "08" + "00000001" + "0000",                          // empty PONG
                "04" + "00000000" + "0000",                          // stream 0
                "04" + "80000001" + "0000",                          // id above 2^31-1
                "03" + "00000001" + "4001" + "00".repeat(16_385),    // DATA above the maximum
                "03" + "00000001" + "0000",                          // empty DATA
                "04" + "00000001" + "0001" + "00",                   // FIN with a body
                "05" + "00000001" + "0001" + "63",                   // unknown reset reason
                "06" + "00000001" + "0004" + "00000000",             // zero window increment
                "02" + "00000001" + "0003" + "000001",               // short OPENED
                "01" + "00000001" + "000c" + "00040000" + "01bb" + "03" + "05" + "612e696f",    // name length lies
                "01" + "00000001" + "000c" + "00040000" + "01bb" + "03" + "04" + "61206f00",    // not printable
                "01" + "00000001" + "0008" + "00040000" + "01bb" + "03" + "00",                // empty name
                "01" + "00000001" + "000b" + "00040000" + "0000" + "01" + "7f000001",          // port 0
                "01" + "00000001" + "000b" + "00040000" + "0050" + "02" + "7f000001");         // unknown kind
        for (String hex : bad) {
            assertThatThrownBy(() -> StreamCodec.decode(ByteBuffer.wrap(HexFormat.of().parseHex(hex))))
                    .as(hex.length() > 60 ? hex.substring(0, 60) : hex).isInstanceOf(StreamProtocolException.class);
        }
    }

    @Test
    void randomBytesFailOnlyWithStreamProtocolException() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = StreamCodec.encode(ALL.get(random.nextInt(ALL.size())));
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, random.nextInt(bytes.length + 1));
            try {
                while (StreamCodec.decode(in) != null) {
                    assertThat(in.position()).isLessThanOrEqualTo(in.limit());
                }
            } catch (StreamProtocolException expected) {
                // The one allowed failure.
            }
        }
    }
}
