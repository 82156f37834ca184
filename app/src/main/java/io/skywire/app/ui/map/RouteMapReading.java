package io.skywire.app.ui.map;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.engine.RouteView;
import io.skywire.node.gateway.TunnelRoute;
import io.skywire.node.identity.NodeId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the route map needs from the embedded node at one moment, read off the FX thread (each part waits on an
 * event loop): the client's discovery, its tunnel's routes, its route table and the earnings settlements reported.
 *
 * @param nanos        a monotonic time stamp ({@link System#nanoTime()}), for traffic rates between readings
 * @param self         the client node
 * @param selfRecord   the client's own record, or null before it signed one
 * @param records      the records its discovery holds
 * @param linked       the peers it has a link to now
 * @param nowSeconds   wall-clock seconds, to leave expired records out
 * @param tunnel       its tunnel's routes (empty without a tunnel)
 * @param routeTable   every route its engine holds
 * @param earned       droplets earned so far by each node a settlement reported on
 */
public record RouteMapReading(long nanos, NodeId self, NodeRecord selfRecord, List<NodeRecord> records,
                              Set<NodeId> linked, long nowSeconds, List<TunnelRoute> tunnel,
                              List<RouteView> routeTable, Map<NodeId, Long> earned) {

    public RouteMapReading {
        Objects.requireNonNull(self, "self");
        records = List.copyOf(records);
        linked = Set.copyOf(linked);
        tunnel = List.copyOf(tunnel);
        routeTable = List.copyOf(routeTable);
        earned = Map.copyOf(earned);
    }
}
