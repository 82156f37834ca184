package io.skywire.node.discovery.pex;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.identity.NodeKeyPair;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/** Signed records of fresh keys for discovery tests, valid for an hour from a fixed "now". */
public final class SignedRecords {

    /** The tests' wall clock, seconds. */
    public static final long NOW_SECONDS = 1_800_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignedRecords() {
    }

    public static NodeKeyPair key() {
        return NodeKeyPair.generate(RANDOM);
    }

    /** A record of {@code key} listing one UDP address. */
    public static NodeRecord record(NodeKeyPair key, String ip, int port, long sequence) {
        return NodeRecordCodec.sign(key, RecordContent.forwarder(key.nodeId(), sequence, NOW_SECONDS + 3_600,
                List.of(TransportAddress.of(new InetSocketAddress(ip, port), true)), 0, 1_000_000));
    }

    /** A fresh node's record. */
    public static NodeRecord record(String ip, int port) {
        return record(key(), ip, port, 1);
    }

    /** The same bytes with the last signature byte flipped: decodes, but does not verify. */
    public static byte[] forged(NodeRecord record) {
        byte[] bytes = record.encoded();
        bytes[bytes.length - 1] ^= 1;
        return bytes;
    }

    /** A copy of {@code bytes} with one byte changed. */
    public static byte[] patched(byte[] bytes, int offset, int value) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        copy[offset] = (byte) value;
        return copy;
    }
}
