package io.skywire.node.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.Arrays;

/**
 * Jazzer fuzz tests: arbitrary bytes given to the datagram decoder, the setup-layer parser, the setup
 * layer opener and a whole engine yield a typed decode error or a counted refusal, never another exception.
 * Without JAZZER_FUZZ they replay their seeds as regression tests.
 */
class DecoderFuzzTest {

    private static final Secp256k1 CURVE = Secp256k1Provider.get();
    private static final byte[] SECRET = secret();
    private static final EnginePair PAIR = new EnginePair(77);

    private static byte[] secret() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        return secret;
    }

    @FuzzTest(maxDuration = "30s")
    void datagramDecoderOnlyFailsWithDecodeException(byte[] input) {
        try {
            DatagramCodec.Datagram datagram = DatagramCodec.decode(input);
            for (Frame frame : datagram.frames()) {
                frame.encodedLength();
            }
        } catch (DecodeException expected) {
            // The one allowed failure.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void setupPlaintextParserOnlyFailsWithDecodeException(byte[] input) {
        try {
            SetupOnion.parsePlaintext(new byte[33], input, new byte[32], new byte[32]);
        } catch (DecodeException expected) {
            // The one allowed failure.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void setupLayerOpenerOnlyFailsWithDecodeException(byte[] input) {
        try {
            SetupOnion.peel(CURVE, new Aead(), SECRET, input);
        } catch (DecodeException expected) {
            // The one allowed failure.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void engineCountsWhatItRefusesAndNeverThrows(byte[] input) {
        PAIR.b.handleDatagram(PAIR.now, EnginePair.LINK, input);
    }
}
