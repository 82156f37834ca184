package io.skywire.app.ui.map;

import static io.skywire.app.ui.map.MapFixtures.NOW;
import static io.skywire.app.ui.map.MapFixtures.gateway;
import static io.skywire.app.ui.map.MapFixtures.key;
import static io.skywire.app.ui.map.MapFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteView;
import io.skywire.node.gateway.TunnelRoute;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.routing.NodeKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteMapTest {

    static final NodeKeyPair CLIENT = key(0);
    static final NodeKeyPair R1 = key(1);
    static final NodeKeyPair R2 = key(2);
    static final NodeKeyPair GW = key(3);
    static final NodeKeyPair FORGER = key(4);
    static final NodeKeyPair STRANGER = key(5);

    static String id(NodeKeyPair key) {
        return NodeKey.of(key.nodeId().key()).hex();
    }

    /** client - R1 - R2 - GW; FORGER claims a link to R1, which R1 does not confirm. */
    static List<NodeRecord> records() {
        return List.of(record(R1, 100_000, Optional.empty(), CLIENT, R2),
                record(R2, 200_000, Optional.empty(), R1, GW),
                record(GW, 0, gateway(500_000, "eu-west"), R2),
                record(FORGER, 1, Optional.empty(), R1));
    }

    static RouteMapReading reading(long nanos, long sent, long forwarded, boolean live) {
        RouteView origin = new RouteView(new RouteHandle(7), RouteView.Role.ORIGIN, null, R1.nodeId().key(), true, 0,
                sent, sent / 2);
        RouteView transit = new RouteView(new RouteHandle(9), RouteView.Role.TRANSIT, R1.nodeId().key(),
                STRANGER.nodeId().key(), true, forwarded, 0, 0);
        TunnelRoute route = new TunnelRoute(List.of(R1.nodeId(), R2.nodeId(), GW.nodeId()), new RouteHandle(7), live);
        TunnelRoute neverUp = new TunnelRoute(List.of(R2.nodeId(), GW.nodeId()), null, false);
        return new RouteMapReading(nanos, CLIENT.nodeId(), null, records(), Set.of(R1.nodeId()), NOW,
                List.of(route, neverUp), List.of(origin, transit), Map.<NodeId, Long>of(R1.nodeId(), 1_234L));
    }

    @Test
    void nodesAndConfirmedLinksComeFromDiscoveryAndRoutesHopByHop() {
        RouteMap map = RouteMap.of(reading(1, 3_000, 500, true));

        assertThat(map.selfId()).isEqualTo(id(CLIENT));
        assertThat(map.nodes()).containsKeys(id(CLIENT), id(R1), id(R2), id(GW), id(FORGER), id(STRANGER));
        assertThat(map.links()).containsExactlyInAnyOrder(MapLink.between(id(CLIENT), id(R1)),
                MapLink.between(id(R1), id(R2)), MapLink.between(id(R2), id(GW)));

        OwnRoute route = map.routes().get(0);
        assertThat(route.hops()).containsExactly(id(CLIENT), id(R1), id(R2), id(GW));
        assertThat(route.live()).isTrue();
        assertThat(route.bytes()).isEqualTo(4_500);
        assertThat(map.routes().get(1).live()).isFalse();
        assertThat(map.routes().get(1).handle()).isEqualTo(-1);
        assertThat(map.liveHops()).containsExactly(id(R1), id(R2), id(GW));

        assertThat(map.forwarded()).containsExactly(new ForwardedRoute(9, id(R1), id(STRANGER), 500));
    }

    @Test
    void pricesOffersAndEarningsAreTheRecordsAndSettlementsNeverInvented() {
        RouteMap map = RouteMap.of(reading(1, 0, 0, true));

        MapNode r1 = map.nodes().get(id(R1));
        assertThat(r1.recordKnown()).isTrue();
        assertThat(r1.pricePerGbDroplets()).isEqualTo(100_000);
        assertThat(r1.capacityBytesPerSecond()).isEqualTo(1_000_000);
        assertThat(r1.addresses()).containsExactly("udp4://127.0.0.1:40000");
        assertThat(r1.earnedDroplets()).hasValue(1_234);
        assertThat(r1.label()).isEqualTo(R1.nodeId().fingerprint());

        MapNode r2 = map.nodes().get(id(R2));
        assertThat(r2.earnedDroplets()).isEmpty();
        MapNode gw = map.nodes().get(id(GW));
        assertThat(gw.gateway().pricePerGbDroplets()).isEqualTo(500_000);
        assertThat(gw.gateway().region()).isEqualTo("eu-west");

        // Known only as a neighbour of a forwarded route: no record, so no price is shown for it.
        MapNode stranger = map.nodes().get(id(STRANGER));
        assertThat(stranger.recordKnown()).isFalse();
        assertThat(stranger.addresses()).isEmpty();
        assertThat(map.nodes().get(id(CLIENT)).self()).isTrue();
    }
}
