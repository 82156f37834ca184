package io.skywire.node.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TunnelReaderTest {

    @Test
    void helloBytesAreAsSpecified() throws Exception {
        TunnelHello hello = new TunnelHello(TunnelHello.LANE_REALTIME, new TunnelHello.Session(0x0102030405060708L,
                0x090a0b0c0d0e0f10L));
        assertThat(HexFormat.of().formatHex(hello.encode())).isEqualTo("1201010102030405060708090a0b0c0d0e0f10");
        assertThat(TunnelHello.decode(hello.encode())).isEqualTo(hello);
        byte[] wrongVersion = hello.encode();
        wrongVersion[1] = 2;
        assertThatThrownBy(() -> TunnelHello.decode(wrongVersion)).hasMessageContaining("version");
        byte[] wrongLane = hello.encode();
        wrongLane[2] = 7;
        assertThatThrownBy(() -> TunnelHello.decode(wrongLane)).hasMessageContaining("lane");
    }

    @Test
    void assignBytesAreAsSpecified() throws Exception {
        byte[] assign = new TunnelFrame.Assign(0x0a630002, 0x0a630001, 24, 1400).encode();
        assertThat(HexFormat.of().formatHex(assign)).isEqualTo("01000b0a6300020a63000118" + "0578");
        assertThat(new TunnelReader().read(assign)).containsExactly(new TunnelFrame.Assign(0x0a630002, 0x0a630001,
                24, 1400));
    }

    @Test
    void framesSurviveAnySplitOfTheStream() throws Exception {
        byte[] one = Ipv4PacketTest.udp(0x0a630002, 0x08080808, 53);
        byte[] two = Ipv4PacketTest.udp(0x0a630002, 0x01010101, 443);
        byte[] stream = concat(new TunnelFrame.Assign(0x0a630002, 0x0a630001, 24, 1400).encode(),
                TunnelFrame.frame(one, 0, one.length), TunnelFrame.frame(two, 0, two.length),
                new TunnelFrame.Refused(TunnelFrame.Reason.NO_ADDRESS_FREE).encode());
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            TunnelReader reader = new TunnelReader();
            List<TunnelFrame> frames = new ArrayList<>();
            int at = 0;
            while (at < stream.length) {
                int next = Math.min(stream.length, at + 1 + random.nextInt(40));
                frames.addAll(reader.read(Arrays.copyOfRange(stream, at, next)));
                at = next;
            }
            assertThat(frames).hasSize(4);
            assertThat(((TunnelFrame.Packet) frames.get(1)).bytes()).isEqualTo(one);
            assertThat(((TunnelFrame.Packet) frames.get(2)).header().destinationPort()).isEqualTo(443);
            assertThat(((TunnelFrame.Refused) frames.get(3)).reason()).isEqualTo(TunnelFrame.Reason.NO_ADDRESS_FREE);
        }
    }

    @Test
    void breachesAreRefusedBeforeTheBodyArrives() {
        assertThatThrownBy(() -> new TunnelReader().read(new byte[] {0x09, 0, 1})).hasMessageContaining("unknown");
        assertThatThrownBy(() -> new TunnelReader().read(new byte[] {0x01, 0, 10})).hasMessageContaining("ASSIGN");
        assertThatThrownBy(() -> new TunnelReader().read(new byte[] {0x02, 0, 19})).hasMessageContaining("PACKET");
        byte[] bad = Ipv4PacketTest.udp(1, 2, 3);
        bad[11]++;
        assertThatThrownBy(() -> new TunnelReader().read(TunnelFrame.frame(bad, 0, bad.length)))
                .hasMessageContaining("checksum");
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
