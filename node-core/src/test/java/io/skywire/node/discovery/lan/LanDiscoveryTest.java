package io.skywire.node.discovery.lan;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.discovery.pex.SignedRecords;
import io.skywire.node.limit.SourceLimiter;
import io.skywire.node.identity.NodeKeyPair;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** LAN discovery without sockets: the announcement schedule, what a datagram from the group becomes, and floods. */
class LanDiscoveryTest {

    private static final long SECOND = 1_000_000_000L;

    private final NodeKeyPair selfKey = SignedRecords.key();
    private final NodeRecord self = SignedRecords.record(selfKey, "10.0.0.1", 7700, 1);
    private final LanDiscovery lan = new LanDiscovery(selfKey.nodeId(), 10 * SECOND, new SplittableRandom(5),
            new SourceLimiter<>(5, 10, 200, 400, 1_024));

    @Test
    void announcesSoonAfterTheRecordChangesThenEveryIntervalWithJitter() {
        assertThat(lan.pollAnnouncement(0)).isNull();
        assertThat(lan.nextTimeout()).isEqualTo(Long.MAX_VALUE);
        lan.recordChanged(0, self);
        long first = lan.nextTimeout();
        assertThat(first).isBetween(0L, LanDiscovery.FIRST_ANNOUNCE_MAX_NANOS);
        assertThat(lan.pollAnnouncement(first)).isEqualTo(LanAnnouncement.encode(self));
        long at = first;
        for (int i = 0; i < 50; i++) {
            long next = lan.nextTimeout();
            assertThat(next - at).isBetween(7_500_000_000L, 12_500_000_000L);
            assertThat(lan.pollAnnouncement(next - 1)).isNull();
            assertThat(lan.pollAnnouncement(next)).isNotNull();
            at = next;
        }
        assertThat(lan.counters().get(LanCounter.SENT)).isEqualTo(51);
    }

    @Test
    void theAnnouncementIsMagicVersionRecord() {
        byte[] bytes = LanAnnouncement.encode(self);
        assertThat(HexFormat.of().formatHex(bytes, 0, 5)).isEqualTo("534b594c01");
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(self.encoded());
    }

    @Test
    void anotherNodesAnnouncementBecomesACandidateDialledWhereItWasHeard() {
        NodeRecord other = SignedRecords.record("10.0.0.2", 7701);
        LanDiscovery.Candidate candidate = lan.onDatagram(0, new InetSocketAddress("10.0.0.2", 47877),
                LanAnnouncement.encode(other));
        assertThat(candidate.record()).isEqualTo(other);
        assertThat(candidate.dialAddress()).isEqualTo(new InetSocketAddress("10.0.0.2", 7701));

        // Bound to every interface, the node lists other addresses; the one the datagram came from is on this LAN.
        NodeKeyPair key = SignedRecords.key();
        NodeRecord multiHomed = NodeRecordCodec.sign(key, RecordContent.forwarder(key.nodeId(), 1,
                SignedRecords.NOW_SECONDS + 60, List.of(udp("192.0.2.7", 7702), udp("198.51.100.7", 7702)), 0, 1));
        candidate = lan.onDatagram(0, new InetSocketAddress("10.0.0.3", 47877), LanAnnouncement.encode(multiHomed));
        assertThat(candidate.dialAddress()).isEqualTo(new InetSocketAddress("10.0.0.3", 7702));
        assertThat(lan.counters().get(LanCounter.CANDIDATES)).isEqualTo(2);
    }

    @Test
    void ownAnnouncementsAndGarbageAreCountedAndDropped() {
        InetSocketAddress from = new InetSocketAddress("10.0.0.2", 47877);
        byte[] good = LanAnnouncement.encode(SignedRecords.record("10.0.0.2", 7700));
        assertThat(lan.onDatagram(0, from, LanAnnouncement.encode(self))).isNull();
        assertThat(lan.onDatagram(SECOND, from, new byte[0])).isNull();
        assertThat(lan.onDatagram(2 * SECOND, from, "M-SEARCH * HTTP/1.1".getBytes())).isNull();
        assertThat(lan.onDatagram(3 * SECOND, from, SignedRecords.patched(good, 4, 2))).isNull();
        assertThat(lan.onDatagram(4 * SECOND, from, Arrays.copyOf(good, good.length - 3))).isNull();
        assertThat(lan.onDatagram(5 * SECOND, from, SignedRecords.patched(good, 5, 9))).isNull();

        assertThat(lan.counters()).containsEntry(LanCounter.OWN, 1L).containsEntry(LanCounter.NOT_AN_ANNOUNCEMENT, 2L)
                .containsEntry(LanCounter.BAD_VERSION, 1L).containsEntry(LanCounter.BAD_RECORD, 2L)
                .containsEntry(LanCounter.CANDIDATES, 0L);
    }

    @Test
    void randomDatagramsNeverThrow() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] junk = new byte[random.nextInt(1_200)];
            random.nextBytes(junk);
            if (junk.length >= 5 && random.nextBoolean()) {
                System.arraycopy(LanAnnouncement.encode(self), 0, junk, 0, 5);
            }
            lan.onDatagram(i * SECOND, new InetSocketAddress("10.0.3." + (i % 200), 47877), junk);
        }
        assertThat(lan.counters().get(LanCounter.RECEIVED)).isEqualTo(2_000);
        assertThat(lan.counters().get(LanCounter.CANDIDATES)).isZero();
    }

    @Test
    void aFloodFromOneHostIsCutToItsBurstAndManyHostsToTheGlobalRate() {
        byte[] announcement = LanAnnouncement.encode(SignedRecords.record("10.0.0.2", 7700));
        InetSocketAddress flooder = new InetSocketAddress("10.0.0.2", 47877);
        int passed = 0;
        for (int i = 0; i < 5_000; i++) {
            passed += lan.onDatagram(0, flooder, announcement) != null ? 1 : 0;
        }
        assertThat(passed).isEqualTo(10);
        assertThat(lan.counters().get(LanCounter.RATE_LIMITED)).isEqualTo(4_990);

        passed = 0;
        for (int i = 0; i < 5_000; i++) {
            InetSocketAddress host = new InetSocketAddress("10.1." + (i / 250) + "." + (i % 250), 47877);
            passed += lan.onDatagram(SECOND, host, announcement) != null ? 1 : 0;
        }
        assertThat(passed).as("the global burst").isEqualTo(400);
    }

    private static TransportAddress udp(String ip, int port) {
        return TransportAddress.of(new InetSocketAddress(ip, port), true);
    }
}
