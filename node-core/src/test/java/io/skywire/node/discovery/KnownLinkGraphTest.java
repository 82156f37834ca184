package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The link graph from signed records: only links both ends name, no expired records, this node's own links. */
final class KnownLinkGraphTest {

    private static final long NOW = TestRecords.NOW;
    private final TestRecords keys = new TestRecords(7);
    private final NodeKeyPair self = keys.key();
    private final NodeKeyPair a = keys.key();
    private final NodeKeyPair b = keys.key();
    private final NodeKeyPair c = keys.key();

    private static NodeRecord record(NodeKeyPair key, long expiry, long price, Optional<GatewayService> gateway,
                                     NodeKeyPair... neighbours) {
        RecordContent content = new RecordContent(key.nodeId(), 1, expiry,
                List.of(TestRecords.udp4(198, 51, 100, 7, 7000)), price, 1_000, gateway, Optional.empty(),
                KnownLinkGraph.tags(java.util.Arrays.stream(neighbours).map(NodeKeyPair::nodeId).toList()));
        return NodeRecordCodec.sign(key, content);
    }

    private static NodeKey key(NodeKeyPair pair) {
        return NodeKey.of(pair.nodeId().key());
    }

    @Test
    void aLinkCountsOnlyWhenBothEndsNameEachOther() {
        NodeRecord ra = record(a, NOW + 600, 10, Optional.empty(), b, c);
        NodeRecord rb = record(b, NOW + 600, 20, Optional.empty(), a);
        NodeRecord rc = record(c, NOW + 600, 30, Optional.empty(), b); // c names b; b does not name c
        LinkGraph graph = KnownLinkGraph.build(self.nodeId(), List.of(ra, rb, rc), Set.of(), NOW, 5_000);

        assertThat(graph.link(key(a), key(b))).isNotNull();
        assertThat(graph.link(key(b), key(a))).isNotNull();
        assertThat(graph.link(key(a), key(b)).latencyMicros()).isEqualTo(5_000);
        assertThat(graph.link(key(a), key(b)).capacityBitsPerSecond()).isEqualTo(8_000);
        // a names c but c does not name a; c names b but b does not name c: neither is a link.
        assertThat(graph.link(key(a), key(c))).isNull();
        assertThat(graph.link(key(c), key(a))).isNull();
        assertThat(graph.link(key(c), key(b))).isNull();
        assertThat(graph.node(key(c)).transitPricePerGbDroplets()).isEqualTo(30);
        // Both ends of each one-sided claim are named, so their records can be looked up again.
        assertThat(KnownLinkGraph.of(self.nodeId(), List.of(ra, rb, rc), Set.of(), NOW, 1).oneSided())
                .containsExactlyInAnyOrder(a.nodeId(), b.nodeId(), c.nodeId());
        assertThat(KnownLinkGraph.of(self.nodeId(), List.of(ra, rb), Set.of(), NOW, 1).oneSided()).isEmpty();
    }

    @Test
    void aForgerCannotAttachItselfToHonestNodes() {
        NodeKeyPair mallory = keys.key();
        NodeRecord ra = record(a, NOW + 600, 10, Optional.empty(), b);
        NodeRecord rb = record(b, NOW + 600, 20, Optional.empty(), a);
        NodeRecord forged = record(mallory, NOW + 600, 0,
                Optional.of(new GatewayService(0, "eu", List.of())), a, b);
        LinkGraph graph = KnownLinkGraph.build(self.nodeId(), List.of(ra, rb, forged), Set.of(a.nodeId()), NOW,
                KnownLinkGraph.DEFAULT_LATENCY_MICROS);
        assertThat(graph.linksFrom(key(mallory))).isEmpty();
        assertThat(graph.linksFrom(key(a))).extracting(l -> l.to()).containsExactlyInAnyOrder(key(b), key(self));
    }

    @Test
    void expiredRecordsAndTheirLinksAreLeftOut() {
        NodeRecord ra = record(a, NOW + 600, 10, Optional.empty(), b);
        NodeRecord staleB = record(b, NOW, 20, Optional.empty(), a);
        LinkGraph graph = KnownLinkGraph.build(self.nodeId(), List.of(ra, staleB), Set.of(b.nodeId()), NOW, 1);
        assertThat(graph.node(key(b))).isNull();
        assertThat(graph.linksFrom(key(a))).isEmpty();
        assertThat(graph.linksFrom(key(self))).isEmpty();
    }

    @Test
    void thisNodesOwnLinksCountBeforeTheNeighbourNamesIt() {
        NodeRecord ra = record(a, NOW + 600, 10, Optional.of(new GatewayService(99, "eu-west", List.of())));
        LinkGraph graph = KnownLinkGraph.build(self.nodeId(), List.of(ra, record(self, NOW + 600, 0,
                Optional.empty(), b)), Set.of(a.nodeId(), c.nodeId()), NOW, 1);
        assertThat(graph.link(key(self), key(a))).isNotNull();
        assertThat(graph.link(key(a), key(self))).isNotNull();
        // c has no record (no price known) and this node's own record is not used: no other links.
        assertThat(graph.linksFrom(key(self))).hasSize(1);
        GraphNode gateway = graph.node(key(a));
        assertThat(gateway.isGateway()).isTrue();
        assertThat(gateway.gateway().pricePerGbDroplets()).isEqualTo(99);
        assertThat(gateway.gateway().region()).isEqualTo("eu-west");
        assertThat(graph.node(key(self)).transitPricePerGbDroplets()).isZero();
    }

    @Test
    void theNewestOfTwoRecordsOfOneNodeIsUsed() {
        NodeRecord old = record(a, NOW + 600, 10, Optional.empty(), b);
        NodeRecord newer = NodeRecordCodec.sign(a, old.content().renewed(2, NOW + 600)
                .withNeighbours(List.of()));
        NodeRecord rb = record(b, NOW + 600, 20, Optional.empty(), a);
        LinkGraph graph = KnownLinkGraph.build(self.nodeId(), List.of(newer, old, rb), Set.<NodeId>of(), NOW, 1);
        assertThat(graph.link(key(a), key(b))).isNull();
    }
}
