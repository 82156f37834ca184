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

    @FuzzTest(maxDuration = "30s")
    void messageDecoder(byte[] input) {
        DhtMessage message;
        try {
            message = DhtCodec.decode(input);
        } catch (DhtMessageException expected) {
            return; // the one allowed failure
        }
        if (!Arrays.equals(DhtCodec.encode(message), input)) {
            throw new IllegalStateException("a decoded message must encode to the same bytes");
        }
    }

    /** A node fed arbitrary datagrams from two addresses, with time passing, answers or counts but never throws. */
    @FuzzTest(maxDuration = "30s")
    void kademliaInput(byte[] input) {
        Kademlia node = FUZZ_NODE.fresh();
        long now = FuzzNode.NOW;
        int offset = 0;
        while (offset < input.length) {
            // Each datagram: a length byte (times 5, so one byte reaches a full message), then that many bytes.
            int length = Math.min(input.length - offset - 1, (input[offset] & 0xff) * 5);
            byte[] datagram = Arrays.copyOfRange(input, offset + 1, offset + 1 + length);
            node.handleMessage(now, (input[offset] & 1) == 0 ? FuzzNode.PEER : FuzzNode.OTHER, datagram);
            offset += 1 + length;
            now += 100_000_000L;
            node.handleTimeout(now);
            while (node.pollOutgoing() != null) {
                // drained
            }
        }
    }

    private static final FuzzNode FUZZ_NODE = new FuzzNode();

    /** A node with one known peer and a lookup under way, so answers have a query to match. */
    private static final class FuzzNode {
        static final long NOW = TestRecords.NOW * 1_000_000_000L;
        static final TransportAddress PEER = TestRecords.udp4(198, 51, 100, 2, 7000);
        static final TransportAddress OTHER = TestRecords.udp4(198, 51, 100, 3, 7000);
        private final io.skywire.node.identity.NodeKeyPair key;
        private final io.skywire.node.identity.NodeKeyPair peer;

        FuzzNode() {
            TestRecords keys = new TestRecords(77);
            key = keys.key();
            peer = keys.key();
        }

        Kademlia fresh() {
            SelfRecord self = new SelfRecord(key, RecordContent.forwarder(key.nodeId(), 0, 0,
                    java.util.List.of(TestRecords.udp4(198, 51, 100, 1, 7000)), 1, 1000), 3600);
            Kademlia node = new Kademlia(DhtConfig.defaults(), self, new java.util.SplittableRandom(1)::nextBytes, NOW);
            node.addContact(NOW, Contact.of(peer.nodeId().key(), PEER));
            node.lookupRecord(NOW, DhtKey.ofService(new byte[] {1}));
            return node;
        }
    }
}
