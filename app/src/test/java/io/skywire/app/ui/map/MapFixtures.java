package io.skywire.app.ui.map;

import io.skywire.node.discovery.GatewayService;
import io.skywire.node.discovery.KnownLinkGraph;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.identity.NodeKeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Signed records and keys for the route map's tests. */
final class MapFixtures {

    static final long NOW = 1_800_000_000L;

    private MapFixtures() {
    }

    static NodeKeyPair key(int n) {
        byte[] secret = new byte[32];
        secret[31] = (byte) (n + 1);
        return NodeKeyPair.fromSecret(secret);
    }

    static NodeRecord record(NodeKeyPair key, long price, Optional<GatewayService> gateway, NodeKeyPair... neighbours) {
        RecordContent content = new RecordContent(key.nodeId(), 1, NOW + 600,
                List.of(new TransportAddress(TransportAddress.Kind.UDP4, new byte[] {127, 0, 0, 1}, 40_000)), price,
                1_000_000, gateway, Optional.empty(),
                KnownLinkGraph.tags(Arrays.stream(neighbours).map(NodeKeyPair::nodeId).toList()));
        return NodeRecordCodec.sign(key, content);
    }

    static Optional<GatewayService> gateway(long price, String region) {
        return Optional.of(new GatewayService(price, region, ExitPolicy.publicOnly().allowedPorts()));
    }
}
