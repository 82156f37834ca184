package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeKeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One node driven by hand against a peer that lies: garbage, answers nobody asked for, forged records, floods.
 * Each is refused, counted and never thrown; liars leave the routing table.
 */
final class KademliaHostileInputTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long NOW = TestRecords.NOW * SECOND;

    private final TestRecords keys = new TestRecords(5);
    private final NodeKeyPair aliceKey = keys.key();
    private final NodeKeyPair malloryKey = keys.key();
    private final TransportAddress aliceAddress = TestRecords.udp4(198, 51, 100, 1, 7000);
    private final TransportAddress malloryAddress = TestRecords.udp4(198, 51, 100, 66, 7000);
    private final Contact mallory = Contact.of(malloryKey.nodeId().key(), malloryAddress);

    private Kademlia node(NodeKeyPair key, TransportAddress address, DhtConfig config) {
        SelfRecord self = new SelfRecord(key, RecordContent.forwarder(key.nodeId(), 0, 0, List.of(address), 1, 1000),
                3600);
        return new Kademlia(config, self, new SplittableRandom(9)::nextBytes, NOW);
    }

    private Kademlia alice() {
        return node(aliceKey, aliceAddress, DhtConfig.defaults());
    }

    private static List<Outgoing> drain(Kademlia node) {
        List<Outgoing> out = new ArrayList<>();
        Outgoing next;
        while ((next = node.pollOutgoing()) != null) {
            out.add(next);
        }
        return out;
    }

    private static DhtMessage decode(Outgoing out) throws DhtMessageException {
        return DhtCodec.decode(out.bytes());
    }

    @Test
    void garbageAndUnsolicitedAnswersAreDroppedAndCounted() throws DhtMessageException {
        Kademlia alice = alice();
        alice.addContact(NOW, mallory);
        LookupHandle handle = alice.lookupRecord(NOW, DhtKey.ofNodeKey(keys.key().nodeId().key()));
        List<Outgoing> sent = drain(alice);
        assertThat(sent).hasSize(1);
        long txid = decode(sent.get(0)).transactionId();
        byte[] malloryKeyBytes = malloryKey.nodeId().key();

        alice.handleMessage(NOW + 1, malloryAddress, new byte[] {1, 2, 3});
        alice.handleMessage(NOW + 1, malloryAddress, new byte[0]);
        alice.handleMessage(NOW + 1, malloryAddress, DhtCodec.encode(new DhtMessage.Pong(txid + 1, malloryKeyBytes)));
        // The right id from another address, and from the right address under another key.
        alice.handleMessage(NOW + 1, TestRecords.udp4(203, 0, 113, 1, 7000),
                DhtCodec.encode(new DhtMessage.Nodes(txid, malloryKeyBytes, List.of())));
        alice.handleMessage(NOW + 1, malloryAddress,
                DhtCodec.encode(new DhtMessage.Nodes(txid, keys.key().nodeId().key(), List.of())));
        // Alice's own key is refused outright.
        alice.handleMessage(NOW + 1, malloryAddress, DhtCodec.encode(new DhtMessage.Ping(5, aliceKey.nodeId().key())));

        assertThat(alice.counters().get(DhtCounter.MALFORMED)).isEqualTo(2);
        assertThat(alice.counters().get(DhtCounter.UNSOLICITED_ANSWER)).isEqualTo(3);
        assertThat(alice.counters().get(DhtCounter.SPOOFED_SELF)).isEqualTo(1);
        assertThat(alice.pollEvent()).isNull();

        // A wrong kind of answer to the outstanding query ends it and drops Mallory.
        alice.handleMessage(NOW + 2, malloryAddress, DhtCodec.encode(new DhtMessage.Stored(txid, malloryKeyBytes, true)));
        assertThat(alice.counters().get(DhtCounter.WRONG_ANSWER)).isEqualTo(1);
        assertThat(alice.contacts()).doesNotContain(mallory);
        LookupResult result = alice.pollEvent();
        assertThat(result.handle()).isEqualTo(handle);
        assertThat(result.found()).isFalse();
    }

    @Test
    void garbageFromAnAddressCostsItsContactOnlyWhileAQueryAwaitsItsAnswer() {
        Kademlia alice = alice();
        alice.addContact(NOW, mallory);
        for (int i = 0; i < 5; i++) {
            alice.handleMessage(NOW, malloryAddress, new byte[] {9, 9, 9});
        }
        assertThat(alice.contacts()).containsExactly(mallory);
        alice.startLookup(NOW, DhtKey.ofService(new byte[] {4}));
        assertThat(drain(alice)).hasSize(1);
        for (int i = 0; i < DhtConfig.defaults().maxFailures(); i++) {
            alice.handleMessage(NOW, malloryAddress, new byte[] {9, 9, 9});
        }
        assertThat(alice.contacts()).isEmpty();
        assertThat(alice.counters().get(DhtCounter.MALFORMED)).isEqualTo(5 + 3);
        assertThat(alice.counters().get(DhtCounter.CONTACTS_DROPPED)).isEqualTo(1);
    }

    @Test
    void aForgedRecordInAnAnswerIsRefusedAndItsSenderDropped() throws DhtMessageException {
        Kademlia alice = alice();
        alice.addContact(NOW, mallory);
        NodeKeyPair victim = keys.key();
        alice.lookupRecord(NOW, victim.nodeId());
        long txid = decode(drain(alice).get(0)).transactionId();
        byte[] forged = TestRecords.record(victim, 5).encoded();
        forged[forged.length - 10] ^= 1;
        NodeRecord forgedRecord;
        try {
            forgedRecord = NodeRecordCodec.decode(forged);
        } catch (RecordException e) {
            throw new AssertionError(e);
        }
        alice.handleMessage(NOW + 1, malloryAddress, DhtCodec.encode(new DhtMessage.Value(txid,
                malloryKey.nodeId().key(), DhtMessage.ValueKind.NODE_RECORD, List.of(forgedRecord))));
        assertThat(alice.counters().get(DhtCounter.BAD_RECORD)).isEqualTo(1);
        assertThat(alice.contacts()).isEmpty();
        LookupResult result = alice.pollEvent();
        assertThat(result.found()).isFalse();
        assertThat(result.records()).isEmpty();
    }

    @Test
    void aRecordForAnotherKeyIsRefusedEvenIfValid() throws DhtMessageException {
        Kademlia alice = alice();
        alice.addContact(NOW, mallory);
        alice.lookupRecord(NOW, keys.key().nodeId());
        long txid = decode(drain(alice).get(0)).transactionId();
        NodeRecord someoneElse = TestRecords.record(keys.key(), 1);
        alice.handleMessage(NOW + 1, malloryAddress, DhtCodec.encode(new DhtMessage.Value(txid,
                malloryKey.nodeId().key(), DhtMessage.ValueKind.NODE_RECORD, List.of(someoneElse))));
        assertThat(alice.counters().get(DhtCounter.BAD_RECORD)).isEqualTo(1);
        assertThat(alice.pollEvent().found()).isFalse();
    }

    @Test
    void aQueryFloodFromOneAddressIsRateLimited() {
        Kademlia alice = alice();
        byte[] ping = DhtCodec.encode(new DhtMessage.Ping(1, malloryKey.nodeId().key()));
        for (int i = 0; i < 1_000; i++) {
            alice.handleMessage(NOW, malloryAddress, ping);
        }
        int burst = DhtConfig.defaults().queryBurst();
        assertThat(drain(alice)).hasSize(burst);
        assertThat(alice.counters().get(DhtCounter.RATE_LIMITED)).isEqualTo(1_000 - burst);
        // Tokens come back with time: 20 per second.
        for (int i = 0; i < 100; i++) {
            alice.handleMessage(NOW + SECOND, malloryAddress, ping);
        }
        assertThat(drain(alice)).hasSize(20);
    }

    @Test
    void aStoreFloodOfValidRecordsStaysWithinTheStoreAndForgedOnesAreRefused() throws DhtMessageException {
        DhtConfig small = new DhtConfig(20, 3, 2 * SECOND, 3600 * SECOND, 1800 * SECOND, 10, 3, 100, 256, 8, 50, 4,
                10, 1_000, 1_000, 1_000, 1_000, 100_000, RecordPolicy.internet());
        Kademlia alice = node(aliceKey, aliceAddress, small);
        long nowSeconds = NOW / SECOND;
        for (int i = 0; i < 200; i++) {
            NodeKeyPair key = keys.key();
            NodeRecord record = NodeRecordCodec.sign(key, RecordContent.forwarder(key.nodeId(), 1, nowSeconds + 600,
                    List.of(TestRecords.udp4(198, 51, 100, 7, 7000)), 1, 1000));
            alice.handleMessage(NOW, TestRecords.udp4(203, 0, 113, 1 + i % 200, 7000), DhtCodec.encode(
                    new DhtMessage.Store(i, key.nodeId().key(), DhtMessage.ValueKind.NODE_RECORD, record.dhtKey(),
                            record)));
            alice.handleMessage(NOW, TestRecords.udp4(203, 0, 113, 1 + i % 200, 7000), DhtCodec.encode(
                    new DhtMessage.Store(i, key.nodeId().key(), DhtMessage.ValueKind.PROVIDERS,
                            DhtKey.ofService(new byte[] {(byte) (i % 5)}), record)));
        }
        assertThat(alice.storedRecords()).isEqualTo(50);
        assertThat(alice.storedProviders()).isEqualTo(10);
        assertThat(alice.recordRefusals().get(RecordRefusal.STORE_FULL)).isEqualTo(150);
        long storedAnswers = drain(alice).stream().filter(out -> {
            try {
                return decode(out) instanceof DhtMessage.Stored stored && stored.accepted();
            } catch (DhtMessageException e) {
                throw new AssertionError(e);
            }
        }).count();
        assertThat(storedAnswers).isEqualTo(60);

        NodeKeyPair victim = keys.key();
        byte[] forged = TestRecords.record(victim, 1).encoded();
        forged[60] ^= 1;
        NodeRecord forgedRecord;
        try {
            forgedRecord = NodeRecordCodec.decode(forged);
        } catch (RecordException e) {
            throw new AssertionError(e);
        }
        Kademlia bob = alice();
        bob.handleMessage(NOW, malloryAddress, DhtCodec.encode(new DhtMessage.Store(1, malloryKey.nodeId().key(),
                DhtMessage.ValueKind.NODE_RECORD, forgedRecord.dhtKey(), forgedRecord)));
        bob.handleMessage(NOW, malloryAddress, DhtCodec.encode(new DhtMessage.Store(2, malloryKey.nodeId().key(),
                DhtMessage.ValueKind.NODE_RECORD, DhtKey.ofService(new byte[] {1}), TestRecords.record(victim, 1))));
        assertThat(bob.storedRecords()).isZero();
        assertThat(bob.counters().get(DhtCounter.BAD_RECORD)).isEqualTo(2);
    }

    @Test
    void aJoinThatNobodyAnsweredIsRetriedWithBackOff() throws DhtMessageException {
        Kademlia alice = alice();
        Kademlia bob = node(malloryKey, malloryAddress, DhtConfig.defaults());
        alice.addContact(NOW, mallory);
        alice.bootstrap(NOW);
        assertThat(drain(alice)).hasSize(1); // lost on the way
        long now = alice.nextTimeout();
        alice.handleTimeout(now);
        assertThat(alice.pollEvent().closest()).isEmpty();
        assertThat(alice.nextTimeout()).isEqualTo(now + 5 * SECOND);
        now += 5 * SECOND;
        alice.handleTimeout(now);
        List<Outgoing> retry = drain(alice);
        assertThat(retry).hasSize(1);
        assertThat(decode(retry.get(0))).isInstanceOf(DhtMessage.FindNode.class);
        bob.handleMessage(now, aliceAddress, retry.get(0).bytes());
        for (Outgoing answer : drain(bob)) {
            alice.handleMessage(now, malloryAddress, answer.bytes());
        }
        // Joined: Alice stores her record at Bob; what she waits for next is that STORE's answer, not another join.
        List<Outgoing> stores = drain(alice);
        assertThat(stores).hasSize(1);
        assertThat(decode(stores.get(0))).isInstanceOf(DhtMessage.Store.class);
        assertThat(alice.nextTimeout()).isEqualTo(now + DhtConfig.defaults().queryTimeoutNanos());
        alice.handleTimeout(alice.nextTimeout());
        assertThat(drain(alice)).isEmpty();
    }

    @Test
    void aSilentContactTimesOutAndIsDroppedAfterRepeatedFailures() {
        Kademlia alice = alice();
        alice.addContact(NOW, mallory);
        long now = NOW;
        for (int i = 0; i < 3; i++) {
            alice.lookupRecord(now, keys.key().nodeId());
            assertThat(drain(alice)).hasSize(1);
            now = alice.nextTimeout();
            alice.handleTimeout(now);
            LookupResult result = alice.pollEvent();
            assertThat(result.found()).isFalse();
            assertThat(result.queries()).isEqualTo(1);
        }
        assertThat(alice.counters().get(DhtCounter.QUERIES_TIMED_OUT)).isEqualTo(3);
        assertThat(alice.contacts()).isEmpty();
        assertThat(alice.counters().get(DhtCounter.CONTACTS_DROPPED)).isEqualTo(1);
    }
}
