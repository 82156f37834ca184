package io.skywire.app.ui;

import io.skywire.node.engine.Counter;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.runtime.RuntimeCounters;
import java.util.List;
import java.util.Map;

/** Values for view-model tests: real node ids, candidates and counters, built without a network. */
final class UiFixtures {

    private UiFixtures() {
    }

    static NodeId node(int n) {
        byte[] secret = new byte[32];
        secret[31] = (byte) (n + 1);
        return NodeKeyPair.fromSecret(secret).nodeId();
    }

    static GatewayCandidate candidate(int n, long price, long transit, String region) {
        return new GatewayCandidate(List.of(node(100), node(101), node(n)), price, transit, region);
    }

    static RuntimeCounters counters(long sent, long received, int links, int routes) {
        return counters(sent, received, 0, links, routes);
    }

    /** Byte counters: sent, received and forwarded for others. */
    static RuntimeCounters counters(long sent, long received, long forwarded, int links, int routes) {
        return new RuntimeCounters(Map.of(Counter.BYTES_SENT, sent, Counter.BYTES_RECEIVED, received,
                Counter.BYTES_FORWARDED, forwarded), Map.of(), Map.of(), 0, 0, links, routes);
    }

    static TunnelStatus status(TunnelState state, String reason, GatewayCandidate gateway) {
        return new TunnelStatus(state, reason, gateway, gateway == null ? 0 : 42, 0, false);
    }

    static GatewaySnapshot snapshot(GatewayCandidate candidate, int attempts, int successes, long rtt, boolean inUse) {
        return new GatewaySnapshot(candidate, attempts, successes, rtt, rtt == 0 ? 0 : 250_000, inUse);
    }
}
