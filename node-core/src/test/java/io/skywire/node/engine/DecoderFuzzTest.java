package io.skywire.node.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.Arrays;

/**
 * Jazzer fuzz tests: arbitrary bytes given to the datagram decoder, the setup-layer parser, the setup
 * layer opener, the reader of link datagrams carried by a route and a whole engine yield a typed decode error or a counted refusal, never another exception.
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
    void carrierRecordReaderRefusesOrReassemblesAndNeverThrows(byte[] input) {
        // The first byte chooses where the stream is split into two route payloads.
        int split = input.length == 0 ? 0 : Math.min(input[0] & 0xFF, input.length);
        for (Carrier.Role role : new Carrier.Role[] {Carrier.Role.VIRTUAL_LINK, Carrier.Role.RETURN_RECEIVER}) {
            Route route = new Route(new RouteHandle(1), Route.Role.DESTINATION, QosClass.BULK,
                    ForwardingMode.STORE_AND_FORWARD, EngineConfig.MIN_ROUTE_BUFFER_BYTES, 0);
            Carrier carrier = new Carrier(route, role, null, null);
            Carrier.RecordSink sink = (kind, header, datagram) -> {
                if (kind != role.accepts || datagram.length == 0) {
                    throw new AssertionError("a record the reader should have refused");
                }
            };
            if (carrier.read(Arrays.copyOf(input, split), sink)) {
                carrier.read(Arrays.copyOfRange(input, split, input.length), sink);
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void engineCountsWhatItRefusesAndNeverThrows(byte[] input) {
        PAIR.b.handleDatagram(PAIR.now, EnginePair.LINK, input);
    }
}
