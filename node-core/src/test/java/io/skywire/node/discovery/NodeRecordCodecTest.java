package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.identity.NodeKeyPair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Round trips of node records and the refusal of every bad field, forged signatures included. */
final class NodeRecordCodecTest {

    private static final long NOW = TestRecords.NOW;
    private final TestRecords keys = new TestRecords(1);
    private final NodeKeyPair alice = keys.key();

    private RecordContent full(NodeKeyPair key) {
        TransportAddress v6 = new TransportAddress(TransportAddress.Kind.UDP6, new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5}, 7001);
        GatewayService gateway = new GatewayService(900_000, "eu-west",
                List.of(new ExitPolicy.PortRange(80, 80), new ExitPolicy.PortRange(443, 443)));
        EscrowService escrow = new EscrowService(keys.key().nodeId(), TestRecords.udp4(203, 0, 113, 9, 8443));
        return new RecordContent(key.nodeId(), 7, NOW + 7200,
                List.of(TestRecords.udp4(198, 51, 100, 7, 7000), v6,
                        new TransportAddress(TransportAddress.Kind.TCP4, new byte[] {10, 0, 0, 2}, 7000)),
                250_000, 12_500_000, Optional.of(gateway), Optional.of(escrow));
    }

    @Test
    void fullRecordRoundTripsAndVerifies() throws RecordException {
        NodeRecord record = NodeRecordCodec.sign(alice, full(alice));
        NodeRecord decoded = NodeRecordCodec.decode(record.encoded());
        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.content()).isEqualTo(record.content());
        assertThat(decoded.dhtKey()).isEqualTo(DhtKey.ofNodeKey(alice.nodeId().key()));
        assertThat(NodeRecordCodec.verifySignature(decoded)).isTrue();
        RecordPolicy.internet().check(decoded, NOW);
        assertThat(record.encodedLength()).isLessThanOrEqualTo(NodeRecordCodec.MAX_BYTES);
    }

    @Test
    void minimalRecordRoundTrips() throws RecordException {
        RecordContent content = RecordContent.forwarder(alice.nodeId(), 0, NOW + 1, List.of(), 0, 1);
        NodeRecord record = NodeRecordCodec.sign(alice, content);
        // version, key, sequence, expiry, address count, price, capacity, flags, signature
        assertThat(record.encodedLength()).isEqualTo(1 + 33 + 8 + 8 + 1 + 8 + 8 + 1 + 64);
        assertThat(NodeRecordCodec.decode(record.encoded()).content()).isEqualTo(content);
    }

    @Test
    void forgedSignaturesAreRefused() throws RecordException {
        NodeRecord record = TestRecords.record(alice, 1);
        byte[] tampered = record.encoded();
        tampered[1 + 33 + 7] ^= 1; // the sequence's low byte
        assertRefusedByPolicy(NodeRecordCodec.decode(tampered), RecordRefusal.BAD_SIGNATURE);

        byte[] badSignature = record.encoded();
        badSignature[badSignature.length - 1] ^= 1;
        assertRefusedByPolicy(NodeRecordCodec.decode(badSignature), RecordRefusal.BAD_SIGNATURE);

        // Mallory signs Alice's content with his own key, then puts Alice's key in.
        NodeKeyPair mallory = keys.key();
        byte[] malloryRecord = TestRecords.record(mallory, 1).encoded();
        System.arraycopy(alice.nodeId().key(), 0, malloryRecord, 1, 33);
        assertRefusedByPolicy(NodeRecordCodec.decode(malloryRecord), RecordRefusal.BAD_SIGNATURE);

        byte[] zeroSignature = record.encoded();
        Arrays.fill(zeroSignature, zeroSignature.length - 64, zeroSignature.length, (byte) 0);
        assertRefusedByPolicy(NodeRecordCodec.decode(zeroSignature), RecordRefusal.BAD_SIGNATURE);
    }

    @Test
    void timeWindowAndLoopbackAreThePolicys() throws RecordException {
        NodeRecord record = TestRecords.record(alice, 1);
        assertThatThrownBy(() -> RecordPolicy.internet().check(record, NOW + 3600))
                .hasFieldOrPropertyWithValue("reason", RecordRefusal.EXPIRED);
        assertThatThrownBy(() -> new RecordPolicy(false, 1800).check(record, NOW))
                .hasFieldOrPropertyWithValue("reason", RecordRefusal.EXPIRY_TOO_FAR);
        NodeRecord tooFar = NodeRecordCodec.sign(alice, TestRecords.content(alice, 1).renewed(1, NOW + 25 * 3600));
        assertRefusedByPolicy(tooFar, RecordRefusal.EXPIRY_TOO_FAR);

        NodeRecord loopback = NodeRecordCodec.sign(alice, RecordContent.forwarder(alice.nodeId(), 1, NOW + 60,
                List.of(TestRecords.udp4(127, 0, 0, 1, 7000)), 0, 1000));
        assertRefusedByPolicy(loopback, RecordRefusal.LOOPBACK_ADDRESS);
        RecordPolicy.loopbackAllowed().check(loopback, NOW);
    }

    @Test
    void everyBadFieldIsRefusedWhenSigningAndWhenDecoding() {
        assertBadContent(c -> new RecordContent(c.nodeKey(), -1, c.expirySeconds(), c.addresses(), 0, 1,
                Optional.empty(), Optional.empty()), RecordRefusal.ABSURD_SEQUENCE);
        assertBadContent(c -> new RecordContent(c.nodeKey(), 1, c.expirySeconds(), c.addresses(),
                NodeRecordCodec.MAX_PRICE_DROPLETS + 1, 1, Optional.empty(), Optional.empty()),
                RecordRefusal.ABSURD_PRICE);
        assertBadContent(c -> new RecordContent(c.nodeKey(), 1, c.expirySeconds(), c.addresses(), 0, 0,
                Optional.empty(), Optional.empty()), RecordRefusal.ABSURD_CAPACITY);
        assertBadContent(c -> new RecordContent(c.nodeKey(), 1, c.expirySeconds(), c.addresses(), 0,
                NodeRecordCodec.MAX_CAPACITY_BYTES_PER_SECOND + 1, Optional.empty(), Optional.empty()),
                RecordRefusal.ABSURD_CAPACITY);
        List<TransportAddress> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(TestRecords.udp4(198, 51, 100, 1 + i, 7000));
        }
        assertBadContent(c -> withAddresses(c, nine), RecordRefusal.TOO_MANY_ADDRESSES);
        TransportAddress once = TestRecords.udp4(198, 51, 100, 1, 7000);
        assertBadContent(c -> withAddresses(c, List.of(once, once)), RecordRefusal.DUPLICATE_ADDRESS);
        assertBadContent(c -> withAddresses(c, List.of(TestRecords.udp4(224, 0, 0, 1, 7000))),
                RecordRefusal.BAD_ADDRESS);
        assertBadContent(c -> withAddresses(c, List.of(TestRecords.udp4(0, 0, 0, 0, 7000))),
                RecordRefusal.BAD_ADDRESS);
        assertBadContent(c -> withAddresses(c, List.of(TestRecords.udp4(255, 255, 255, 255, 7000))),
                RecordRefusal.BAD_ADDRESS);
        assertBadContent(c -> withGateway(c, new GatewayService(1, "EU West", List.of())), RecordRefusal.BAD_REGION);
        assertBadContent(c -> withGateway(c, new GatewayService(1, "", List.of())), RecordRefusal.BAD_REGION);
        assertBadContent(c -> withGateway(c, new GatewayService(-5, "eu", List.of())), RecordRefusal.ABSURD_PRICE);
        List<ExitPolicy.PortRange> many = new ArrayList<>();
        for (int i = 1; i <= 17; i++) {
            many.add(new ExitPolicy.PortRange(i, i));
        }
        assertBadContent(c -> withGateway(c, new GatewayService(1, "eu", many)), RecordRefusal.BAD_PORT_RANGE);
    }

    @Test
    void malformedBytesAreRefused() {
        byte[] good = NodeRecordCodec.sign(alice, full(alice)).encoded();
        for (int length = 0; length < good.length; length++) {
            byte[] truncated = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> NodeRecordCodec.decode(truncated)).isInstanceOf(RecordException.class);
        }
        assertDecodeRefused(Arrays.copyOf(good, good.length + 1), RecordRefusal.MALFORMED);
        assertDecodeRefused(new byte[NodeRecordCodec.MAX_BYTES + 1], RecordRefusal.OVERSIZED);
        assertDecodeRefused(patched(good, 0, 2), RecordRefusal.BAD_VERSION);
        assertDecodeRefused(patched(good, 1, 4), RecordRefusal.BAD_KEY);
        // The address count is at offset 50, the first address kind at 51.
        assertDecodeRefused(patched(good, 50, 9), RecordRefusal.TOO_MANY_ADDRESSES);
        assertDecodeRefused(patched(good, 51, 9), RecordRefusal.BAD_ADDRESS);
        byte[] portZero = good.clone();
        portZero[56] = 0;
        portZero[57] = 0;
        assertDecodeRefused(portZero, RecordRefusal.BAD_ADDRESS);
        // Three addresses: 7 + 19 + 7 bytes, then price and capacity, then the flags.
        int flags = 51 + 7 + 19 + 7 + 16;
        assertThat(good[flags]).isEqualTo((byte) 3);
        assertDecodeRefused(patched(good, flags, 8 | 3), RecordRefusal.MALFORMED); // bit 3 is unknown
        assertDecodeRefused(patched(good, flags + 1 + 8, 33), RecordRefusal.BAD_REGION);
        byte[] reversedRange = good.clone();
        int firstRange = flags + 1 + 8 + 1 + "eu-west".length() + 1;
        ByteBuffer.wrap(reversedRange, firstRange, 4).putShort((short) 90).putShort((short) 80);
        assertDecodeRefused(reversedRange, RecordRefusal.BAD_PORT_RANGE);
    }

    @Test
    void neighboursRoundTripAndTheLargestRecordFits() throws RecordException {
        List<TransportAddress> eight = new ArrayList<>();
        for (int i = 0; i < NodeRecordCodec.MAX_ADDRESSES; i++) {
            byte[] v6 = new byte[16];
            v6[0] = 0x20;
            v6[1] = 0x01;
            v6[15] = (byte) (i + 1);
            eight.add(new TransportAddress(TransportAddress.Kind.UDP6, v6, 7000));
        }
        List<ExitPolicy.PortRange> sixteen = new ArrayList<>();
        for (int i = 1; i <= GatewayService.MAX_PORT_RANGES; i++) {
            sixteen.add(new ExitPolicy.PortRange(i, i));
        }
        List<NeighbourTag> neighbours = thirtyTwoNeighbours();
        RecordContent largest = new RecordContent(alice.nodeId(), 7, NOW + 7200, eight, 1, 1,
                Optional.of(new GatewayService(1, "a".repeat(GatewayService.MAX_REGION_LENGTH), sixteen)),
                Optional.of(new EscrowService(keys.key().nodeId(), eight.get(0))), neighbours);
        NodeRecord record = NodeRecordCodec.sign(alice, largest);
        // 442 bytes without neighbours (PROTOCOL 4.1), plus count and 32 tags of 8.
        assertThat(record.encodedLength()).isEqualTo(442 + 1 + 32 * 8).isLessThanOrEqualTo(NodeRecordCodec.MAX_BYTES);
        NodeRecord decoded = NodeRecordCodec.decode(record.encoded());
        assertThat(decoded.neighbours()).isEqualTo(neighbours);
        assertThat(NodeRecordCodec.verifySignature(decoded)).isTrue();
    }

    @Test
    void aRecordWithoutNeighboursKeepsItsVersionOneBytes() {
        NodeRecord plain = NodeRecordCodec.sign(alice, full(alice));
        NodeRecord withNone = NodeRecordCodec.sign(alice, full(alice).withNeighbours(List.of()));
        assertThat(withNone.encodedLength()).isEqualTo(plain.encodedLength());
        int flags = 51 + 7 + 19 + 7 + 16;
        assertThat(plain.encoded()[flags]).isEqualTo((byte) 3);
        NodeRecord named = NodeRecordCodec.sign(alice,
                full(alice).withNeighbours(List.of(NeighbourTag.of(keys.key().nodeId()))));
        assertThat(named.encoded()[flags]).isEqualTo((byte) 7);
        assertThat(named.encodedLength()).isEqualTo(plain.encodedLength() + 1 + 8);
    }

    @Test
    void badNeighbourListsAreRefused() {
        NeighbourTag bob = NeighbourTag.of(keys.key().nodeId());
        assertBadContent(c -> c.withNeighbours(List.of(bob, bob)), RecordRefusal.BAD_NEIGHBOURS);
        assertBadContent(c -> c.withNeighbours(List.of(NeighbourTag.of(alice.nodeId()))),
                RecordRefusal.BAD_NEIGHBOURS);
        List<NeighbourTag> thirtyThree = new ArrayList<>(thirtyTwoNeighbours());
        thirtyThree.add(new NeighbourTag(-1));
        assertBadContent(c -> c.withNeighbours(thirtyThree), RecordRefusal.BAD_NEIGHBOURS);

        byte[] good = NodeRecordCodec.sign(alice, TestRecords.content(alice, 1).withNeighbours(
                thirtyTwoNeighbours())).encoded();
        int count = good.length - NodeRecordCodec.SIGNATURE_BYTES - 32 * 8 - 1;
        assertThat(good[count]).isEqualTo((byte) 32);
        assertDecodeRefused(patched(good, count, 0), RecordRefusal.BAD_NEIGHBOURS);
        assertDecodeRefused(patched(good, count, 33), RecordRefusal.BAD_NEIGHBOURS);
        byte[] duplicate = good.clone();
        System.arraycopy(good, count + 1, duplicate, count + 1 + 8, 8);
        assertDecodeRefused(duplicate, RecordRefusal.BAD_NEIGHBOURS);
        assertDecodeRefused(patched(good, count, 31), RecordRefusal.MALFORMED); // a tag left over
    }

    private static List<NeighbourTag> thirtyTwoNeighbours() {
        List<NeighbourTag> tags = new ArrayList<>();
        for (int i = 0; i < NodeRecordCodec.MAX_NEIGHBOURS; i++) {
            tags.add(new NeighbourTag(0x0102030405060700L + i));
        }
        return tags;
    }

    private static byte[] patched(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    private static RecordContent withAddresses(RecordContent c, List<TransportAddress> addresses) {
        return new RecordContent(c.nodeKey(), c.sequence(), c.expirySeconds(), addresses, 0, 1, Optional.empty(),
                Optional.empty());
    }

    private static RecordContent withGateway(RecordContent c, GatewayService gateway) {
        return new RecordContent(c.nodeKey(), c.sequence(), c.expirySeconds(), c.addresses(), 0, 1,
                Optional.of(gateway), Optional.empty());
    }

    private void assertBadContent(java.util.function.UnaryOperator<RecordContent> change, RecordRefusal reason) {
        RecordContent bad = change.apply(TestRecords.content(alice, 1));
        assertThatThrownBy(() -> NodeRecordCodec.sign(alice, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason.name());
        assertThatThrownBy(() -> NodeRecordCodec.checkFields(bad))
                .hasFieldOrPropertyWithValue("reason", reason);
    }

    private static void assertDecodeRefused(byte[] bytes, RecordRefusal reason) {
        assertThatThrownBy(() -> NodeRecordCodec.decode(bytes)).isInstanceOf(RecordException.class)
                .hasFieldOrPropertyWithValue("reason", reason);
    }

    private static void assertRefusedByPolicy(NodeRecord record, RecordRefusal reason) {
        assertThatThrownBy(() -> RecordPolicy.internet().check(record, NOW))
                .hasFieldOrPropertyWithValue("reason", reason);
    }
}
