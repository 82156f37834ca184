package io.skywire.node.vpn;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests: arbitrary bytes as an IPv4 packet, a tunnel hello or a lane's byte stream yield a result or a
 * {@link MalformedPacketException}, never another exception. Without JAZZER_FUZZ they replay their seeds.
 */
class VpnFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void packetParserOnlyFailsWithMalformedPacket(byte[] input) {
        try {
            Ipv4Packet header = Ipv4Packet.parse(input);
            if (header.totalLength() != input.length || header.headerLength() > input.length) {
                throw new IllegalStateException("accepted lengths that do not fit the input");
            }
        } catch (MalformedPacketException expected) {
            // The one allowed failure.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void laneReaderOnlyFailsWithMalformedPacket(byte[] input) {
        try {
            if (input.length >= TunnelHello.BYTES) {
                TunnelHello.decode(input);
            }
            TunnelReader reader = new TunnelReader();
            int half = input.length / 2;
            reader.read(java.util.Arrays.copyOf(input, half));
            reader.read(java.util.Arrays.copyOfRange(input, half, input.length));
        } catch (MalformedPacketException expected) {
            // The one allowed failure.
        }
    }
}
