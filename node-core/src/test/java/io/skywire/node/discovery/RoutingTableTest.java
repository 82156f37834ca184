package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** k-bucket rules: old live contacts stay, the least recently seen is pinged, silent ones are replaced. */
final class RoutingTableTest {

    private final TestRecords keys = new TestRecords(4);
    private final DhtKey self = DhtKey.ofNodeKey(keys.key().nodeId().key());

    private Contact contactInFarBucket() {
        while (true) {
            Contact contact = Contact.of(keys.key().nodeId().key(), TestRecords.udp4(198, 51, 100, 9, 7000));
            if (self.bucketIndex(contact.id()) == 255) {
                return new Contact(contact.id(), contact.nodeKey(),
                        TestRecords.udp4(198, 51, (contact.id().hashCode() >>> 8) & 0xff,
                                1 + (contact.id().hashCode() & 0x7f), 7000));
            }
        }
    }

    @Test
    void aFullBucketKeepsItsContactsAndPingsTheLeastRecentlySeen() {
        RoutingTable table = new RoutingTable(self, 4, 2, 3);
        List<Contact> first = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Contact contact = contactInFarBucket();
            first.add(contact);
            assertThat(table.seen(contact, i, false)).isNull();
        }
        Contact newcomer = contactInFarBucket();
        assertThat(table.seen(newcomer, 10, false)).isEqualTo(first.get(0));
        assertThat(table.all()).containsExactlyInAnyOrderElementsOf(first);
        // A second newcomer does not trigger a second ping while one is pending.
        assertThat(table.seen(contactInFarBucket(), 11, false)).isNull();

        // The pinged contact answers: it stays, moved to the most recent end.
        table.seen(first.get(0), 12, true);
        assertThat(table.all()).contains(first.get(0)).doesNotContain(newcomer);

        // The next least recently seen stays silent: the newest replacement takes its place.
        Contact pinged = table.seen(contactInFarBucket(), 13, false);
        assertThat(pinged).isEqualTo(first.get(1));
        assertThat(table.failed(pinged.id())).isTrue();
        assertThat(table.all()).doesNotContain(pinged).hasSize(4);
        assertThat(table.idAt(pinged.address())).isNull();
    }

    @Test
    void withoutAReplacementAContactIsDroppedAfterMaxFailures() {
        RoutingTable table = new RoutingTable(self, 4, 2, 3);
        Contact contact = contactInFarBucket();
        table.seen(contact, 0, false);
        assertThat(table.failed(contact.id())).isFalse();
        assertThat(table.failed(contact.id())).isFalse();
        assertThat(table.failed(contact.id())).isTrue();
        assertThat(table.size()).isZero();
    }

    @Test
    void closestReturnsTheNearestInDistanceOrder() {
        RoutingTable table = new RoutingTable(self, 20, 0, 3);
        List<Contact> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Contact contact = Contact.of(keys.key().nodeId().key(), TestRecords.udp4(10, 0, i >> 8, i & 0xff, 7000));
            if (table.seen(contact, i, false) == null && table.find(contact.id()) != null) {
                all.add(contact);
            }
        }
        byte[] random = new byte[32];
        for (int round = 0; round < 60; round++) {
            // Random targets, and targets near this node (in its low buckets), where the scan order matters most.
            random[round % 32] ^= (byte) (round * 37 + 1);
            DhtKey target = round % 2 == 0 ? DhtKey.ofNodeKey(keys.key().nodeId().key())
                    : self.randomInBucket(round % 12, random);
            List<Contact> expected = new ArrayList<>(all);
            expected.sort(Comparator.comparing(Contact::id, target::compareDistance));
            assertThat(table.closest(target, 20)).containsExactlyElementsOf(expected.subList(0, 20));
        }
        List<Contact> expected = new ArrayList<>(all);
        expected.sort(Comparator.comparing(Contact::id, self::compareDistance));
        assertThat(table.closest(self, 7)).containsExactlyElementsOf(expected.subList(0, 7));
    }

    @Test
    void bucketIndexAndRandomKeysInABucket() {
        byte[] random = new byte[32];
        for (int index : new int[] {0, 1, 63, 64, 100, 200, 255}) {
            random[index % 32] ^= (byte) 0x5a;
            assertThat(self.bucketIndex(self.randomInBucket(index, random))).isEqualTo(index);
        }
        assertThat(self.bucketIndex(self)).isEqualTo(-1);
    }
}
