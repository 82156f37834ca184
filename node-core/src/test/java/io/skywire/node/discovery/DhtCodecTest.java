package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.identity.NodeKeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every DHT message round-trips, fits a datagram at its largest, and malformed bytes are refused. */
final class DhtCodecTest {

    private final TestRecords keys = new TestRecords(3);
    private final NodeKeyPair alice = keys.key();
    private final byte[] sender = alice.nodeId().key();
    private final DhtKey target = DhtKey.ofNodeKey(keys.key().nodeId().key());

    private List<Contact> contacts(int count) {
        List<Contact> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Contact.of(keys.key().nodeId().key(), TestRecords.udp4(198, 51, 100, 1 + i, 7000)));
        }
        return out;
    }

    @Test
    void everyMessageRoundTrips() throws DhtMessageException {
        NodeRecord record = TestRecords.record(alice, 3);
        List<DhtMessage> messages = List.of(
                new DhtMessage.Ping(1, sender),
                new DhtMessage.Pong(-1, sender),
                new DhtMessage.FindNode(2, sender, target),
                new DhtMessage.FindValue(3, sender, DhtMessage.ValueKind.PROVIDERS, target),
                new DhtMessage.Store(4, sender, DhtMessage.ValueKind.NODE_RECORD, record.dhtKey(), record),
                new DhtMessage.Nodes(5, sender, contacts(DhtCodec.MAX_CONTACTS)),
                new DhtMessage.Value(6, sender, DhtMessage.ValueKind.NODE_RECORD, List.of(record)),
                new DhtMessage.Stored(7, sender, true));
        for (DhtMessage message : messages) {
            byte[] bytes = DhtCodec.encode(message);
            assertThat(bytes.length).isLessThanOrEqualTo(DhtCodec.MAX_BYTES);
            DhtMessage decoded = DhtCodec.decode(bytes);
            assertThat(decoded.getClass()).isEqualTo(message.getClass());
            assertThat(DhtCodec.encode(decoded)).isEqualTo(bytes);
            assertThat(decoded.transactionId()).isEqualTo(message.transactionId());
        }
        // A full NODES answer: header, count, 20 contacts of 33 + 7 bytes.
        assertThat(DhtCodec.encode(messages.get(5))).hasSize(DhtCodec.HEADER_BYTES + 1 + 20 * 40);
    }

    @Test
    void valueAnswersCarryOnlyWhatFits() {
        List<NodeRecord> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(TestRecords.record(keys.key(), 1));
        }
        List<NodeRecord> fitted = DhtCodec.fitRecords(many);
        assertThat(fitted).hasSizeBetween(5, 29);
        byte[] bytes = DhtCodec.encode(new DhtMessage.Value(1, sender, DhtMessage.ValueKind.PROVIDERS, fitted));
        assertThat(bytes.length).isLessThanOrEqualTo(DhtCodec.MAX_BYTES);
        assertThatThrownBy(() -> DhtCodec.encode(new DhtMessage.Value(1, sender, DhtMessage.ValueKind.PROVIDERS,
                many))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] good = DhtCodec.encode(new DhtMessage.Nodes(5, sender, contacts(2)));
        for (int length = 0; length < good.length; length++) {
            byte[] truncated = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> DhtCodec.decode(truncated)).isInstanceOf(DhtMessageException.class);
        }
        assertRefused(Arrays.copyOf(good, good.length + 1), "after the message");
        assertRefused(patched(good, 0, 2), "version");
        assertRefused(patched(good, 1, 0x7f), "type");
        assertRefused(patched(good, 10, 0x04), "node key");
        assertRefused(patched(good, DhtCodec.HEADER_BYTES, 21), "contacts");
        assertRefused(patched(good, DhtCodec.HEADER_BYTES + 1 + 33, 9), "address");
        assertRefused(patched(good, DhtCodec.HEADER_BYTES + 1 + 33 + 1, 224), "not a usable UDP address");
        assertRefused(new byte[DhtCodec.MAX_BYTES + 1], "over");
        byte[] find = DhtCodec.encode(new DhtMessage.FindValue(3, sender, DhtMessage.ValueKind.PROVIDERS, target));
        assertRefused(patched(find, DhtCodec.HEADER_BYTES, 3), "value kind");
        byte[] stored = DhtCodec.encode(new DhtMessage.Stored(7, sender, true));
        assertRefused(patched(stored, DhtCodec.HEADER_BYTES, 2), "flag");
        NodeRecord record = TestRecords.record(alice, 1);
        byte[] store = DhtCodec.encode(new DhtMessage.Store(4, sender, DhtMessage.ValueKind.NODE_RECORD,
                record.dhtKey(), record));
        assertRefused(patched(store, DhtCodec.HEADER_BYTES + 1 + 32 + 2, 9), "bad record");
        assertRefused(patched(store, DhtCodec.HEADER_BYTES + 1 + 32, 0x7f), "record of");
    }

    private static byte[] patched(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    private static void assertRefused(byte[] bytes, String why) {
        assertThatThrownBy(() -> DhtCodec.decode(bytes)).isInstanceOf(DhtMessageException.class)
                .hasMessageContaining(why);
    }
}
