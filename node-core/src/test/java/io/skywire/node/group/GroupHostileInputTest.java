package io.skywire.node.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.engine.RouteHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Garbage, out-of-window, duplicated and lying frames are counted and dropped; nothing makes a group throw. */
class GroupHostileInputTest {

    private static final GroupConfig CONFIG = new GroupConfig(100, 128, 64 * 1024, 4096, true);
    private static final RouteHandle ONE = new RouteHandle(1);
    private static final RouteHandle TWO = new RouteHandle(2);

    private static RouteGroup group() {
        RouteGroup group = new RouteGroup(CONFIG);
        group.addMember(ONE);
        group.addMember(TWO);
        return group;
    }

    private static byte[] data(long seq, String text) {
        return GroupCodec.encode(new GroupFrame.Data(seq, 0, 0, text.getBytes()));
    }

    private static String read(RouteGroup group) {
        byte[] buffer = new byte[1024];
        int n = group.read(buffer, 0, buffer.length);
        return new String(buffer, 0, n);
    }

    @Test
    void framesMatchTheExamplesInTheProtocolDocument() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(data(5, "hi"))).isEqualTo("01000c00000000000000050000" + "6869");
        byte[] ack = GroupCodec.encode(new GroupFrame.Ack(5, 1029, List.of(new GroupFrame.Range(7, 2))));
        assertThat(hex.formatHex(ack))
                .isEqualTo("03001d" + "0000000000000005" + "0000000000000405" + "01" + "0000000000000007" + "00000002");
    }

    @Test
    void framesRoundTripWhateverWayTheRouteSplitsThem() throws Exception {
        List<GroupFrame> frames = List.of(new GroupFrame.Data(3, 2, 1, new byte[] {1, 2, 3}),
                new GroupFrame.Parity(2, 2, 7, new byte[] {9, 9}),
                new GroupFrame.Ack(4, 100, List.of(new GroupFrame.Range(6, 3), new GroupFrame.Range(10, 1)), true));
        ByteBuffer all = ByteBuffer.allocate(1024);
        frames.forEach(f -> all.put(GroupCodec.encode(f)));
        byte[] stream = java.util.Arrays.copyOf(all.array(), all.position());
        for (int split = 1; split < stream.length; split++) {
            GroupFrameReader reader = new GroupFrameReader();
            List<GroupFrame> decoded = new ArrayList<>(reader.feed(java.util.Arrays.copyOfRange(stream, 0, split)));
            decoded.addAll(reader.feed(java.util.Arrays.copyOfRange(stream, split, stream.length)));
            assertThat(decoded).hasSize(3);
            assertThat(decoded.get(2)).isEqualTo(frames.get(2));
            assertThat(((GroupFrame.Data) decoded.get(0)).bytes()).containsExactly(1, 2, 3);
            assertThat(((GroupFrame.Parity) decoded.get(1)).lengthXor()).isEqualTo(7);
        }
    }

    @Test
    void malformedFramesAreRefusedBeforeTheirBodyArrives() {
        List<String> bad = List.of(
                "09000100",                       // unknown type
                "010000",                         // DATA without a body
                "01ffff",                         // DATA longer than any chunk
                "030011" + "00".repeat(16) + "21",  // 33 ranges announced in an ACK without ranges
                "03001200000000000000050000000000000004", // ACK with limit below cumulative (and bad length)
                "0100 0b 0000000000000001 05 05 aa".replace(" ", ""),  // stripe index not below count
                "0100 0b 0000000000000001 00 01 aa".replace(" ", ""),  // index without a stripe
                "0200 0c 0000000000000001 00 0000 aa".replace(" ", "")); // parity of an empty stripe
        for (String hex : bad) {
            assertThatThrownBy(() -> new GroupFrameReader().feed(HexFormat.of().parseHex(hex)))
                    .as(hex).isInstanceOf(GroupProtocolException.class);
        }
    }

    @Test
    void garbageDropsOnlyTheMemberItCameOn() {
        RouteGroup group = group();
        group.receive(ONE, new byte[] {0x7f, 0, 0, 1, 2, 3});
        assertThat(group.counters().get(GroupCounter.FRAMES_MALFORMED)).isEqualTo(1);
        assertThat(group.pollBrokenMember()).isEqualTo(ONE);
        assertThat(group.liveMembers()).isEqualTo(1);
        // Later bytes on the broken member are ignored; the other member still works.
        group.receive(ONE, data(0, "x"));
        group.receive(TWO, data(0, "ok"));
        assertThat(read(group)).isEqualTo("ok");
    }

    @Test
    void duplicatedAndOutOfWindowChunksAreCountedAndDeliveredAtMostOnce() {
        RouteGroup group = group();
        group.receive(ONE, data(1, "b"));
        group.receive(TWO, data(1, "b"));
        group.receive(ONE, data(0, "a"));
        group.receive(TWO, data(0, "a"));
        group.receive(ONE, data(1L << 40, "far"));
        group.receive(ONE, data(128, "just past the window"));
        assertThat(read(group)).isEqualTo("ab");
        assertThat(group.counters().get(GroupCounter.DATA_DUPLICATE)).isEqualTo(2);
        assertThat(group.counters().get(GroupCounter.DATA_OUTSIDE_WINDOW)).isEqualTo(2);
        assertThat(group.counters().get(GroupCounter.CHUNKS_RECEIVED)).isEqualTo(2);
        assertThat(group.liveMembers()).isEqualTo(2);
    }

    @Test
    void acksForChunksNeverSentAreIgnored() {
        RouteGroup group = group();
        group.write(new byte[250], 0, 250);
        group.flush((route, frame) -> true);
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Ack(50, 1000, List.of())));
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Ack(0, 1000, List.of(new GroupFrame.Range(2, 40)))));
        assertThat(group.counters().get(GroupCounter.ACKS_INVALID)).isEqualTo(2);
        assertThat(group.allAcknowledged()).isFalse();
        group.receive(TWO, GroupCodec.encode(new GroupFrame.Ack(3, 1000, List.of())));
        assertThat(group.allAcknowledged()).isTrue();
    }

    @Test
    void parityRebuildsTheMissingChunkAndLyingParityIsRefused() {
        RouteGroup group = group();
        byte[] a = "first".getBytes();
        byte[] b = "second!".getBytes();
        byte[] parity = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            parity[i] = (byte) ((i < a.length ? a[i] : 0) ^ b[i]);
        }
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Data(0, 2, 0, a)));
        group.receive(TWO, GroupCodec.encode(new GroupFrame.Parity(0, 2, a.length ^ b.length, parity)));
        assertThat(read(group)).isEqualTo("firstsecond!");
        assertThat(group.counters().get(GroupCounter.CHUNKS_REBUILT)).isEqualTo(1);
        // The original arrives late: a duplicate, not delivered twice.
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Data(1, 2, 1, b)));
        assertThat(group.counters().get(GroupCounter.DATA_DUPLICATE)).isEqualTo(1);
        assertThat(group.counters().get(GroupCounter.REBUILT_THEN_ARRIVED)).isEqualTo(1);
        // Parity for a delivered stripe, a count that disagrees, a length that cannot be, its repeat, and parity
        // beyond the window.
        group.receive(TWO, GroupCodec.encode(new GroupFrame.Parity(0, 2, 0, parity)));
        group.receive(TWO, GroupCodec.encode(new GroupFrame.Data(2, 2, 0, a)));
        group.receive(TWO, GroupCodec.encode(new GroupFrame.Parity(2, 3, 0, parity)));
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Parity(2, 2, 999, parity)));
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Parity(2, 2, 999, parity)));
        group.receive(ONE, GroupCodec.encode(new GroupFrame.Parity(1000, 2, 1, parity)));
        assertThat(group.counters().get(GroupCounter.PARITY_UNUSABLE)).isEqualTo(5);
        assertThat(read(group)).isEqualTo("first");
        assertThat(group.counters().get(GroupCounter.CHUNKS_REBUILT)).isEqualTo(1);
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(99);
        for (int round = 0; round < 2_000; round++) {
            RouteGroup group = group();
            for (int i = 0; i < 4; i++) {
                byte[] junk = new byte[random.nextInt(64)];
                random.nextBytes(junk);
                if (junk.length > 0 && random.nextBoolean()) {
                    // A plausible type, so decoding goes past the first byte.
                    junk[0] = (byte) (1 + random.nextInt(3));
                }
                group.receive(random.nextBoolean() ? ONE : TWO, junk);
                group.read(new byte[256], 0, 256);
                group.flush((route, frame) -> random.nextBoolean());
            }
        }
    }
}
