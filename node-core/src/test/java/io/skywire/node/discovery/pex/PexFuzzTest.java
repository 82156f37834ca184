package io.skywire.node.discovery.pex;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skywire.node.discovery.RecordException;
import io.skywire.node.discovery.lan.LanAnnouncement;
import io.skywire.node.discovery.lan.LanDecodeException;
import java.util.Arrays;

/**
 * Jazzer fuzz tests of the peer-exchange and LAN decoders: arbitrary bytes yield a message or a typed refusal, never
 * another exception, and what decodes encodes back to the same bytes. Without JAZZER_FUZZ they replay the seeds in
 * {@code src/test/resources/io/skywire/node/discovery/pex/PexFuzzTestInputs/}.
 */
class PexFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void pexDecoder(byte[] input) {
        PexMessage message;
        try {
            message = PexCodec.decode(input);
        } catch (PexDecodeException expected) {
            return;
        }
        if (!Arrays.equals(PexCodec.encode(message), input)) {
            throw new IllegalStateException("a decoded message must encode to its own bytes");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void lanDecoder(byte[] input) {
        try {
            LanAnnouncement.encode(LanAnnouncement.decode(input));
        } catch (LanDecodeException | RecordException expected) {
            // the two allowed refusals
        }
    }
}
