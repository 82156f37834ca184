package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Auto" gateway choice and the health states, without a network. */
class GatewayChoiceTest {

    /** A node whose secret is {@code n}: distinct, valid and stable. */
    private static NodeId node(int n) {
        byte[] secret = new byte[32];
        secret[31] = (byte) n;
        secret[30] = (byte) (n >> 8);
        return NodeKeyPair.fromSecret(secret).nodeId();
    }

    private static GatewayCandidate gateway(int id, int hops, long price, long transit) {
        List<NodeId> path = new ArrayList<>();
        for (int i = 1; i < hops; i++) {
            path.add(node(1000 * id + i));
        }
        path.add(node(1000 * id));
        return new GatewayCandidate(path, price, transit, "r" + id);
    }

    @Test
    void theExpectedCostCountsEveryHopAndTheGateway() {
        GatewayCandidate candidate = gateway(1, 3, 500_000, 120_000);
        assertThat(candidate.expectedCostPerGbDroplets()).isEqualTo(620_000);
        assertThat(candidate.hops()).isEqualTo(3);
        assertThat(candidate.gateway()).isEqualTo(node(1000));
        assertThatThrownBy(() -> new GatewayCandidate(List.of(node(1)), Long.MAX_VALUE, 1, "x")
                .expectedCostPerGbDroplets()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new GatewayCandidate(List.of(node(1)), -1, 0, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unmeasuredGatewaysRankByCostThenHops() {
        GatewayCandidate cheapFar = gateway(1, 6, 400_000, 0);
        GatewayCandidate cheapNear = gateway(2, 3, 400_000, 0);
        GatewayCandidate dear = gateway(3, 3, 900_000, 0);
        List<GatewayCandidate> ranked = new GatewayChooser(60_000).rank(List.of(dear, cheapFar, cheapNear),
                new HashMap<>(), 0);
        assertThat(ranked).containsExactly(cheapNear, cheapFar, dear);
    }

    @Test
    void slowUnreliableOrRecentlyFailedGatewaysLoseToDearerGoodOnes() {
        GatewayCandidate cheap = gateway(1, 3, 300_000, 0);
        GatewayCandidate good = gateway(2, 3, 500_000, 0);
        Map<GatewayCandidate, GatewayStats> stats = new HashMap<>();
        GatewayChooser chooser = new GatewayChooser(60_000);

        GatewayStats slow = new GatewayStats();
        slow.roundTrip(900);
        slow.throughput(100_000);
        stats.put(cheap, slow);
        assertThat(chooser.rank(List.of(cheap, good), stats, 0)).first().isEqualTo(good);

        GatewayStats flaky = new GatewayStats();
        for (int i = 0; i < 10; i++) {
            flaky.attempted();
        }
        flaky.succeeded();
        stats.put(cheap, flaky);
        assertThat(chooser.rank(List.of(cheap, good), stats, 0)).first().isEqualTo(good);

        GatewayStats failed = new GatewayStats();
        failed.failed(1_000);
        stats.put(cheap, failed);
        assertThat(chooser.rank(List.of(cheap, good), stats, 30_000)).containsExactly(good, cheap);
        assertThat(chooser.rank(List.of(cheap, good), stats, 61_001)).as("retried after the interval")
                .containsExactly(cheap, good);
    }

    @Test
    void healthMovesThroughItsStatesWithReasons() {
        HealthTracker health = new HealthTracker(3, 1_000);
        assertThat(health.state()).isEqualTo(TunnelState.CONNECTING);
        health.lost();
        assertThat(health.state()).as("no answer yet is still connecting").isEqualTo(TunnelState.CONNECTING);
        health.answered(40);
        assertThat(health.state()).isEqualTo(TunnelState.CONNECTED);
        health.answered(2_500);
        assertThat(health.state()).isEqualTo(TunnelState.DEGRADED);
        assertThat(health.reason()).contains("2500 ms");
        health.answered(30);
        health.lost();
        assertThat(health.state()).isEqualTo(TunnelState.DEGRADED);
        health.lost();
        health.lost();
        assertThat(health.state()).isEqualTo(TunnelState.FAILED);
        assertThat(health.reason()).contains("3 probes");
        health.answered(10);
        assertThat(health.state()).as("FAILED is final for a route").isEqualTo(TunnelState.FAILED);

        HealthTracker cut = new HealthTracker(3, 1_000);
        cut.answered(5);
        cut.routeEnded("NEXT_HOP_UNREACHABLE");
        assertThat(cut.state()).isEqualTo(TunnelState.FAILED);
        assertThat(cut.reason()).isEqualTo("route lost: NEXT_HOP_UNREACHABLE");
    }
}
