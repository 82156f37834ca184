package io.skywire.node.discovery;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer fuzz tests of the discovery decoders: arbitrary bytes yield a value or a typed refusal, never another
 * exception. Without JAZZER_FUZZ they replay the seeds in
 * {@code src/test/resources/io/skywire/node/discovery/DiscoveryFuzzTestInputs/}.
 */
class DiscoveryFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void recordDecoder(byte[] input) {
        NodeRecord record;
        try {
            record = NodeRecordCodec.decode(input);
        } catch (RecordException expected) {
            return; // the one allowed failure
        }
        if (!Arrays.equals(record.encoded(), input)) {
            throw new IllegalStateException("a decoded record must keep its exact bytes");
        }
        try {
            RecordPolicy.internet().check(record, TestRecords.NOW);
        } catch (RecordException expected) {
            // refused by the policy: fine
        }
    }
}
