package io.skywire.node.discovery;

import io.skywire.node.identity.NodeKeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

/** Keys and records for the discovery tests, from a seed so that failures reproduce. */
final class TestRecords {

    static final long NOW = 1_800_000_000L;

    private final Random random;

    TestRecords(long seed) {
        this.random = new Random(seed);
    }

    NodeKeyPair key() {
        SecureRandom secure;
        try {
            secure = SecureRandom.getInstance("SHA1PRNG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        secure.setSeed(random.nextLong());
        return NodeKeyPair.generate(secure);
    }

    static TransportAddress udp4(int a, int b, int c, int d, int port) {
        return new TransportAddress(TransportAddress.Kind.UDP4, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d},
                port);
    }

    static RecordContent content(NodeKeyPair key, long sequence) {
        return RecordContent.forwarder(key.nodeId(), sequence, NOW + 3600, List.of(udp4(198, 51, 100, 7, 7000)),
                250_000, 12_500_000);
    }

    static NodeRecord record(NodeKeyPair key, long sequence) {
        return NodeRecordCodec.sign(key, content(key, sequence));
    }
}
