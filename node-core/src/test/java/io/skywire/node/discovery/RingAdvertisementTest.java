package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.routing.NodeKey;
import io.skywire.node.routing.VirtualRing;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ring advertisement of docs/PROTOCOL.md 4.6: its bytes, every member's signature, and its use in the graph. */
class RingAdvertisementTest {

    private static final long NOW = 1_800_000_000L;

    private static List<NodeKeyPair> keys(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NodeKeyPair> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            secret[0] = 0x11;
            keys.add(NodeKeyPair.fromSecret(secret));
        }
        return keys;
    }

    private static RingAdvertisement.Content content(List<NodeKeyPair> members, long sequence) {
        byte[] id = new byte[RingAdvertisement.ID_BYTES];
        Arrays.fill(id, (byte) 0x5a);
        return new RingAdvertisement.Content(id, sequence, NOW + 3_600, 250, 12_000, 1_250_000_000L,
                members.stream().map(NodeKeyPair::nodeId).toList());
    }

    @Test
    void roundTripsItsExactBytesAndVerifiesEveryMembersSignature() throws Exception {
        List<NodeKeyPair> members = keys(4, 1);
        RingAdvertisement signed = RingAdvertisement.signAll(content(members, 7), members);
        byte[] bytes = signed.encoded();
        // 54 fixed bytes, four 33-byte keys, four 64-byte signatures.
        assertThat(bytes).hasSize(54 + 4 * 33 + 4 * 64);
        RingAdvertisement decoded = RingAdvertisement.decode(bytes);
        assertThat(decoded.encoded()).isEqualTo(bytes);
        decoded.verify(NOW);
        VirtualRing ring = decoded.toRing();
        assertThat(ring.id()).isEqualTo("5a".repeat(16));
        assertThat(ring.members()).containsExactlyElementsOf(
                members.stream().map(k -> NodeKey.of(k.nodeId().key())).toList());
        assertThat(ring.transitPricePerGbDroplets()).isEqualTo(250);
        assertThat(ring.capacityBitsPerSecond()).isEqualTo(10_000_000_000L);
    }

    @Test
    void aMemberThatDidNotSignMakesTheRingInvalid() throws Exception {
        List<NodeKeyPair> members = keys(3, 2);
        RingAdvertisement.Content content = content(members, 1);
        byte[] hash = RingAdvertisement.signingHash(content);
        // The third member never signed: an outsider's signature stands in for it.
        NodeKeyPair outsider = keys(1, 3).get(0);
        RingAdvertisement forged = RingAdvertisement.assemble(content,
                List.of(members.get(0).sign(hash), members.get(1).sign(hash), outsider.sign(hash)));
        assertThatThrownBy(() -> RingAdvertisement.decode(forged.encoded()).verify(NOW))
                .isInstanceOfSatisfying(RecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RecordRefusal.BAD_SIGNATURE));
        // Any changed byte of the signed part breaks every signature.
        byte[] bytes = RingAdvertisement.signAll(content, members).encoded();
        bytes[30] ^= 1;
        assertThatThrownBy(() -> RingAdvertisement.decode(bytes).verify(NOW)).isInstanceOf(RecordException.class);
    }

    @Test
    void refusesBadLayoutsAndTimes() throws Exception {
        List<NodeKeyPair> members = keys(2, 4);
        byte[] good = RingAdvertisement.signAll(content(members, 1), members).encoded();
        assertThatThrownBy(() -> RingAdvertisement.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOfSatisfying(RecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RecordRefusal.MALFORMED));
        assertThatThrownBy(() -> RingAdvertisement.decode(Arrays.copyOf(good, 40)))
                .isInstanceOf(RecordException.class);
        byte[] oneMember = good.clone();
        oneMember[53] = 1;
        assertThatThrownBy(() -> RingAdvertisement.decode(oneMember)).isInstanceOf(RecordException.class);
        byte[] version = good.clone();
        version[0] = 2;
        assertThatThrownBy(() -> RingAdvertisement.decode(version))
                .isInstanceOfSatisfying(RecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RecordRefusal.BAD_VERSION));
        RingAdvertisement decoded = RingAdvertisement.decode(good);
        assertThatThrownBy(() -> decoded.verify(NOW + 3_600)).isInstanceOfSatisfying(RecordException.class,
                e -> assertThat(e.reason()).isEqualTo(RecordRefusal.EXPIRED));
        assertThatThrownBy(() -> decoded.verify(NOW - 86_400)).isInstanceOfSatisfying(RecordException.class,
                e -> assertThat(e.reason()).isEqualTo(RecordRefusal.EXPIRY_TOO_FAR));
        List<NodeId> twice = List.of(members.get(0).nodeId(), members.get(0).nodeId());
        assertThatThrownBy(() -> RingAdvertisement.signingHash(new RingAdvertisement.Content(new byte[16], 1, NOW + 1,
                0, 0, 1, twice))).isInstanceOf(RecordException.class);
    }

    @Test
    void theGraphTakesValidRingsOfKnownMembersOnlyAndTheNewestSequence() throws Exception {
        List<NodeKeyPair> members = keys(3, 5);
        NodeKeyPair self = NodeKeyPair.generate(new SecureRandom());
        List<NodeRecord> records = new ArrayList<>();
        for (NodeKeyPair member : members) {
            records.add(NodeRecordCodec.sign(member, new RecordContent(member.nodeId(), 1, NOW + 3_600, List.of(),
                    10, 1_000_000, java.util.Optional.empty(), java.util.Optional.empty(), List.of())));
        }
        KnownLinkGraph known = KnownLinkGraph.of(self.nodeId(), records, Set.of(), NOW, 20_000);
        RingAdvertisement older = RingAdvertisement.signAll(content(members, 1), members);
        RingAdvertisement newer = RingAdvertisement.signAll(
                new RingAdvertisement.Content(content(members, 2).id(), 2, NOW + 3_600, 99, 1, 1, content(members, 2)
                        .members()), members);
        List<NodeKeyPair> withStranger = new ArrayList<>(members);
        withStranger.add(keys(1, 6).get(0));
        RingAdvertisement unknownMember = RingAdvertisement.signAll(content(withStranger, 1), withStranger);
        int refused = known.addRings(List.of(older, newer, unknownMember), NOW);
        assertThat(refused).isEqualTo(1);
        assertThat(known.graph().rings()).singleElement()
                .satisfies(ring -> assertThat(ring.transitPricePerGbDroplets()).isEqualTo(99));
    }
}
