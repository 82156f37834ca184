package io.skywire.app.ui.map;

import io.skywire.node.discovery.GatewayService;
import io.skywire.node.discovery.KnownLinkGraph;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.engine.RouteView;
import io.skywire.node.gateway.TunnelRoute;
import io.skywire.node.identity.NodeId;
import io.skywire.node.routing.GatewayTerms;
import io.skywire.node.routing.GraphLink;
import io.skywire.node.routing.GraphNode;
import io.skywire.node.routing.LinkGraph;
import io.skywire.node.routing.NodeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the route map draws at one moment: the known nodes and the links both ends confirm (the same
 * {@link KnownLinkGraph} the gateway directory searches), the client's routes hop by hop, the routes it forwards for
 * others, and earnings where settlements reported them. Immutable; built off the FX thread from a
 * {@link RouteMapReading}, or directly (a benchmark's synthetic graph).
 *
 * @param nanos     when it was read ({@link System#nanoTime()})
 * @param selfId    the client's id
 * @param nodes     every node by id, in a stable order
 * @param links     undirected links
 * @param routes    the client's routes
 * @param forwarded the routes it forwards for others
 */
public record RouteMap(long nanos, String selfId, Map<String, MapNode> nodes, List<MapLink> links,
                       List<OwnRoute> routes, List<ForwardedRoute> forwarded) {

    public RouteMap {
        Objects.requireNonNull(selfId, "selfId");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        links = List.copyOf(links);
        routes = List.copyOf(routes);
        forwarded = List.copyOf(forwarded);
        if (!nodes.containsKey(selfId)) {
            throw new IllegalArgumentException("the client's own node is missing");
        }
        for (MapLink link : links) {
            if (!nodes.containsKey(link.a()) || !nodes.containsKey(link.b())) {
                throw new IllegalArgumentException("a link to an unknown node: " + link);
            }
        }
        for (OwnRoute route : routes) {
            for (String hop : route.hops()) {
                if (!nodes.containsKey(hop)) {
                    throw new IllegalArgumentException("a route through an unknown node: " + hop);
                }
            }
        }
    }

    /** The map of one reading. */
    public static RouteMap of(RouteMapReading reading) {
        String selfId = id(reading.self());
        Map<String, NodeRecord> records = new HashMap<>();
        for (NodeRecord record : reading.records()) {
            records.put(id(record.nodeKey()), record);
        }
        if (reading.selfRecord() != null) {
            records.put(selfId, reading.selfRecord());
        }
        LinkGraph graph = KnownLinkGraph.build(reading.self(), reading.records(), reading.linked(),
                reading.nowSeconds(), KnownLinkGraph.DEFAULT_LATENCY_MICROS);

        Map<String, MapNode> nodes = new LinkedHashMap<>();
        Map<String, Long> earned = new HashMap<>();
        reading.earned().forEach((node, droplets) -> earned.put(id(node), droplets));
        List<GraphNode> known = new ArrayList<>(graph.nodes());
        known.sort((x, y) -> x.key().compareTo(y.key()));
        for (GraphNode node : known) {
            String id = node.key().hex();
            nodes.put(id, node(id, selfId, records.get(id), node.gateway(), earned.get(id)));
        }
        Set<MapLink> links = new LinkedHashSet<>();
        for (GraphNode node : known) {
            for (GraphLink link : graph.linksFrom(node.key())) {
                links.add(MapLink.between(link.from().hex(), link.to().hex()));
            }
        }

        Map<Long, RouteView> table = new HashMap<>();
        List<ForwardedRoute> forwarded = new ArrayList<>();
        for (RouteView view : reading.routeTable()) {
            table.put(view.handle().value(), view);
            if (view.role() == RouteView.Role.TRANSIT && view.previousHopKey() != null
                    && view.nextHopKey() != null) {
                String previous = NodeKey.of(view.previousHopKey()).hex();
                String next = NodeKey.of(view.nextHopKey()).hex();
                nodes.computeIfAbsent(previous, id -> node(id, selfId, records.get(id), null, earned.get(id)));
                nodes.computeIfAbsent(next, id -> node(id, selfId, records.get(id), null, earned.get(id)));
                forwarded.add(new ForwardedRoute(view.handle().value(), previous, next, view.bytesForwarded()));
            }
        }
        List<OwnRoute> routes = new ArrayList<>();
        for (TunnelRoute route : reading.tunnel()) {
            List<String> hops = new ArrayList<>();
            hops.add(selfId);
            for (NodeId hop : route.path()) {
                String id = id(hop);
                nodes.computeIfAbsent(id, key -> node(key, selfId, records.get(key), null, earned.get(key)));
                hops.add(id);
            }
            RouteView view = route.handle() == null ? null : table.get(route.handle().value());
            long bytes = view == null ? 0 : Math.addExact(view.bytesSent(), view.bytesReceived());
            routes.add(new OwnRoute(hops, route.handle() == null ? -1 : route.handle().value(),
                    route.live() && view != null, bytes));
        }
        return new RouteMap(reading.nanos(), selfId, nodes, new ArrayList<>(links), routes, forwarded);
    }

    private static MapNode node(String id, String selfId, NodeRecord record, GatewayTerms terms, Long earned) {
        String label = fingerprint(id);
        OptionalLong earnedDroplets = earned == null ? OptionalLong.empty() : OptionalLong.of(earned);
        if (record == null) {
            return new MapNode(id, label, id.equals(selfId), false, List.of(), 0, 0, terms, earnedDroplets);
        }
        List<String> addresses = record.addresses().stream().map(TransportAddress::toString).toList();
        GatewayTerms gateway = terms;
        if (gateway == null && record.gateway().isPresent()) {
            GatewayService offer = record.gateway().get();
            gateway = new GatewayTerms(offer.pricePerGbDroplets(), offer.region());
        }
        return new MapNode(id, label, id.equals(selfId), true, addresses,
                record.content().forwardingPricePerGbDroplets(), record.content().capacityBytesPerSecond(), gateway,
                earnedDroplets);
    }

    private static String fingerprint(String id) {
        try {
            return new NodeId(java.util.HexFormat.of().parseHex(id)).fingerprint();
        } catch (IllegalArgumentException e) {
            // Not a curve point (a synthetic map): the id's first bytes name it well enough.
            return id.substring(0, Math.min(16, id.length()));
        }
    }

    private static String id(NodeId node) {
        return NodeKey.of(node.key()).hex();
    }

    /** Ids of the hops of the client's live routes, the client itself excluded. */
    public Set<String> liveHops() {
        Set<String> hops = new LinkedHashSet<>();
        for (OwnRoute route : routes) {
            if (route.live()) {
                hops.addAll(route.hops().subList(1, route.hops().size()));
            }
        }
        return hops;
    }
}
