package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeKeyPair;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store keeps the newest valid record per node, refuses old ones and stays within its size. */
final class RecordStoreTest {

    private static final long NOW = TestRecords.NOW;
    private final TestRecords keys = new TestRecords(2);

    @Test
    void keepsTheHighestSequenceAndRefusesOlderOrEqual() {
        RecordStore store = new RecordStore(RecordPolicy.internet(), 10);
        NodeKeyPair alice = keys.key();
        assertThat(store.put(TestRecords.record(alice, 5), NOW)).isEmpty();
        assertThat(store.put(TestRecords.record(alice, 5), NOW)).contains(RecordRefusal.OLD_SEQUENCE);
        assertThat(store.put(TestRecords.record(alice, 4), NOW)).contains(RecordRefusal.OLD_SEQUENCE);
        assertThat(store.put(TestRecords.record(alice, 6), NOW)).isEmpty();
        assertThat(store.get(alice.nodeId(), NOW).map(NodeRecord::sequence)).contains(6L);
        assertThat(store.refusals().get(RecordRefusal.OLD_SEQUENCE)).isEqualTo(2);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void refusesForgedAndExpiredRecordsAndCountsThem() throws RecordException {
        RecordStore store = new RecordStore(RecordPolicy.internet(), 10);
        NodeKeyPair alice = keys.key();
        byte[] forged = TestRecords.record(alice, 9).encoded();
        forged[60] ^= 1;
        assertThat(store.put(NodeRecordCodec.decode(forged), NOW)).contains(RecordRefusal.BAD_SIGNATURE);
        assertThat(store.put(TestRecords.record(alice, 1), NOW + 4000)).contains(RecordRefusal.EXPIRED);
        assertThat(store.size()).isZero();
        assertThat(store.refusals().total()).isEqualTo(2);
    }

    @Test
    void anExpiredRecordIsNotServedAndIsReplacedByAnyValidOne() {
        RecordStore store = new RecordStore(RecordPolicy.internet(), 10);
        NodeKeyPair alice = keys.key();
        store.put(TestRecords.record(alice, 5), NOW);
        long later = NOW + 3600;
        assertThat(store.get(alice.nodeId(), later)).isEmpty();
        // After a restart that lost its counter, a node's new record with a lower sequence is taken once the
        // old one has expired.
        NodeRecord restarted = NodeRecordCodec.sign(alice, TestRecords.content(alice, 1).renewed(1, later + 60));
        assertThat(store.put(restarted, later)).isEmpty();
        assertThat(store.get(alice.nodeId(), later)).isEqualTo(Optional.of(restarted));
    }

    @Test
    void aFloodOfNewNodesStopsAtCapacityAndExpiredOnesMakeRoom() {
        int capacity = 20;
        RecordStore store = new RecordStore(RecordPolicy.internet(), capacity);
        for (int i = 0; i < 60; i++) {
            store.put(TestRecords.record(keys.key(), 1), NOW);
        }
        assertThat(store.size()).isEqualTo(capacity);
        assertThat(store.refusals().get(RecordRefusal.STORE_FULL)).isEqualTo(40);
        NodeKeyPair late = keys.key();
        assertThat(store.put(TestRecords.record(late, 1), NOW + 3600)).contains(RecordRefusal.EXPIRED);
        NodeRecord fresh = NodeRecordCodec.sign(late, TestRecords.content(late, 1).renewed(1, NOW + 7200));
        assertThat(store.put(fresh, NOW + 3600)).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }
}
