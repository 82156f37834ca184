package io.skywire.node.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The links a node knows of, as a plain value model: nodes with their prices and gateway offers, and directed
 * links with latency and capacity. Discovery fills it; {@link RouteSearch} reads it. Links are directed because
 * reachability may be one-way (the design's asymmetric links); {@link #addLinks} adds both directions. A second
 * link between the same two nodes in the same direction replaces the first. Not thread-safe.
 */
public final class LinkGraph {

    private final Map<NodeKey, GraphNode> nodes = new LinkedHashMap<>();
    private final Map<NodeKey, Map<NodeKey, GraphLink>> out = new LinkedHashMap<>();
    private final Map<String, VirtualRing> rings = new LinkedHashMap<>();

    /** Adds or replaces a node. */
    public LinkGraph addNode(GraphNode node) {
        nodes.put(node.key(), node);
        out.computeIfAbsent(node.key(), k -> new LinkedHashMap<>());
        return this;
    }

    /**
     * Adds or replaces one direction of a link.
     *
     * @throws IllegalArgumentException when either end is not a node of the graph
     */
    public LinkGraph addLink(GraphLink link) {
        if (!nodes.containsKey(link.from()) || !nodes.containsKey(link.to())) {
            throw new IllegalArgumentException("both ends of a link must be nodes of the graph");
        }
        out.get(link.from()).put(link.to(), link);
        return this;
    }

    /** Adds both directions of a link with the same latency and capacity. */
    public LinkGraph addLinks(NodeKey a, NodeKey b, long latencyMicros, long capacityBitsPerSecond) {
        addLink(new GraphLink(a, b, latencyMicros, capacityBitsPerSecond));
        return addLink(new GraphLink(b, a, latencyMicros, capacityBitsPerSecond));
    }

    /**
     * Adds or replaces (by id) a virtual ring, which route search may cross from any member to any other as one hop.
     *
     * @throws IllegalArgumentException when a member is not a node of the graph
     */
    public LinkGraph addRing(VirtualRing ring) {
        for (NodeKey member : ring.members()) {
            if (!nodes.containsKey(member)) {
                throw new IllegalArgumentException("every member of a ring must be a node of the graph");
            }
        }
        rings.put(ring.id(), ring);
        return this;
    }

    /** Every ring, in the order they were added. */
    public Collection<VirtualRing> rings() {
        return Collections.unmodifiableCollection(rings.values());
    }

    /** The rings {@code key} is a member of, in the order they were added. */
    public List<VirtualRing> ringsOf(NodeKey key) {
        List<VirtualRing> of = new ArrayList<>();
        for (VirtualRing ring : rings.values()) {
            if (ring.contains(key)) {
                of.add(ring);
            }
        }
        return of;
    }

    /** Removes a node, every link to or from it and every ring it is a member of (a node that left the network). */
    public LinkGraph removeNode(NodeKey key) {
        nodes.remove(key);
        out.remove(key);
        for (Map<NodeKey, GraphLink> links : out.values()) {
            links.remove(key);
        }
        rings.values().removeIf(ring -> ring.contains(key));
        return this;
    }

    /** The node with this key, or null. */
    public GraphNode node(NodeKey key) {
        return nodes.get(key);
    }

    /** Every node, in the order they were added. */
    public Collection<GraphNode> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** The links leaving {@code key}, in the order they were added (empty for an unknown node). */
    public List<GraphLink> linksFrom(NodeKey key) {
        Map<NodeKey, GraphLink> links = out.get(key);
        return links == null ? List.of() : new ArrayList<>(links.values());
    }

    /** The link from {@code from} to {@code to}, or null. */
    public GraphLink link(NodeKey from, NodeKey to) {
        Map<NodeKey, GraphLink> links = out.get(from);
        return links == null ? null : links.get(to);
    }
}
