package io.skywire.node.discovery;

import io.skywire.node.identity.NodeId;
import io.skywire.node.routing.GatewayTerms;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The link graph as the accepted node records describe it, for route search. A record is signed by its node
 * alone, so a node could claim links it does not have; a link therefore counts only when both ends name each
 * other in their current records. The one exception is this node's own links, which it knows first-hand: those
 * count as soon as the neighbour's record is held (its price is needed), before the neighbour's record names this
 * node. Expired records are left out. Prices and gateway terms come from the records; latency is not in a record,
 * so every link gets the same assumed latency until one is measured. Capacity is the smaller of the two ends'.
 *
 * <p>A link one end names and the other does not is usually one stale record (a link came up and only one end's
 * new version has arrived yet); {@link #oneSided()} lists both ends so the caller can look their records up again.
 *
 * <p>Neighbours are named by an 8-byte tag (see {@link NeighbourTag}); when two held records share a tag the tag
 * is ambiguous and gives no link to either, so a node that ground a key to collide with another gains nothing.
 */
public final class KnownLinkGraph {

    /** The latency assumed for a link nobody has measured: 20 ms one way. */
    public static final long DEFAULT_LATENCY_MICROS = 20_000;

    private final LinkGraph graph = new LinkGraph();
    private final Set<NodeId> oneSided = new HashSet<>();

    private KnownLinkGraph() {
    }

    /** The links both ends confirm, and the nodes with their prices and offers. */
    public LinkGraph graph() {
        return graph;
    }

    /** Nodes at either end of a link only one of them names: their records may be stale. */
    public Set<NodeId> oneSided() {
        return Set.copyOf(oneSided);
    }

    /** The graph alone: see {@link #of}. */
    public static LinkGraph build(NodeId self, Collection<NodeRecord> records, Set<NodeId> selfLinks,
                                  long nowSeconds, long latencyMicros) {
        return of(self, records, selfLinks, nowSeconds, latencyMicros).graph;
    }

    /**
     * Builds the graph seen from {@code self}.
     *
     * @param self           this node (in the graph with price 0, as the origin)
     * @param records        the records held (this node's own, if present, is ignored)
     * @param selfLinks      the peers this node has a link to now
     * @param nowSeconds     now, seconds since the Unix epoch: records expired by then are left out
     * @param latencyMicros  the latency assumed for every link
     */
    public static KnownLinkGraph of(NodeId self, Collection<NodeRecord> records, Set<NodeId> selfLinks,
                                    long nowSeconds, long latencyMicros) {
        KnownLinkGraph known = new KnownLinkGraph();
        LinkGraph graph = known.graph;
        NodeKey selfKey = NodeKey.of(self.key());
        graph.addNode(new GraphNode(selfKey, 0, null));
        Map<NodeId, NodeRecord> live = new HashMap<>();
        Map<NeighbourTag, NodeRecord> byTag = new HashMap<>();
        Set<NeighbourTag> ambiguous = new HashSet<>();
        for (NodeRecord record : records) {
            if (record.nodeKey().equals(self) || record.expirySeconds() <= nowSeconds) {
                continue;
            }
            NodeRecord held = live.get(record.nodeKey());
            if (held != null && held.sequence() >= record.sequence()) {
                continue;
            }
            live.put(record.nodeKey(), record);
        }
        for (NodeRecord record : live.values()) {
            NeighbourTag tag = NeighbourTag.of(record.nodeKey());
            if (byTag.putIfAbsent(tag, record) != null || tag.equals(NeighbourTag.of(self))) {
                ambiguous.add(tag);
            }
            graph.addNode(new GraphNode(NodeKey.of(record.nodeKey().key()), record.content()
                    .forwardingPricePerGbDroplets(), record.gateway()
                    .map(offer -> new GatewayTerms(offer.pricePerGbDroplets(), offer.region())).orElse(null)));
        }
        for (NodeRecord record : live.values()) {
            NeighbourTag own = NeighbourTag.of(record.nodeKey());
            if (ambiguous.contains(own)) {
                continue;
            }
            for (NeighbourTag named : record.neighbours()) {
                NodeRecord other = ambiguous.contains(named) ? null : byTag.get(named);
                if (other == null) {
                    continue;
                }
                boolean mutual = other.neighbours().contains(own);
                if (!mutual) {
                    known.oneSided.add(record.nodeKey());
                    known.oneSided.add(other.nodeKey());
                }
                // Each pair once (from the end with the smaller tag), and only when the other end names this one.
                if (mutual && Long.compareUnsigned(own.value(), named.value()) < 0) {
                    graph.addLinks(NodeKey.of(record.nodeKey().key()), NodeKey.of(other.nodeKey().key()),
                            latencyMicros, bits(Math.min(record.content().capacityBytesPerSecond(),
                                    other.content().capacityBytesPerSecond())));
                }
            }
        }
        for (NodeId peer : selfLinks) {
            NodeRecord record = live.get(peer);
            if (record != null) {
                graph.addLinks(selfKey, NodeKey.of(peer.key()), latencyMicros,
                        bits(record.content().capacityBytesPerSecond()));
            }
        }
        return known;
    }

    /**
     * Adds the rings of these advertisements (docs/PROTOCOL.md 4.6) that are unexpired, signed by every member and
     * whose members are all nodes of this graph (a member without a live record could not be priced or reached);
     * of two advertisements of one ring id the higher sequence wins. Returns how many were refused.
     */
    public int addRings(Collection<RingAdvertisement> advertisements, long nowSeconds) {
        Map<String, RingAdvertisement> newest = new java.util.LinkedHashMap<>();
        int refused = 0;
        for (RingAdvertisement advertisement : advertisements) {
            try {
                advertisement.verify(nowSeconds);
            } catch (RecordException e) {
                refused++;
                continue;
            }
            boolean membersKnown = advertisement.content().members().stream()
                    .allMatch(member -> graph.node(NodeKey.of(member.key())) != null);
            if (!membersKnown) {
                refused++;
                continue;
            }
            String id = advertisement.toRing().id();
            RingAdvertisement held = newest.get(id);
            if (held == null || held.content().sequence() < advertisement.content().sequence()) {
                newest.put(id, advertisement);
            }
        }
        for (RingAdvertisement advertisement : newest.values()) {
            graph.addRing(advertisement.toRing());
        }
        return refused;
    }

    /** The tags of these nodes, for tests and callers that name neighbours by key. */
    public static List<NeighbourTag> tags(Collection<NodeId> nodes) {
        return nodes.stream().map(NeighbourTag::of).toList();
    }

    private static long bits(long bytesPerSecond) {
        return bytesPerSecond > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : bytesPerSecond * 8;
    }
}
