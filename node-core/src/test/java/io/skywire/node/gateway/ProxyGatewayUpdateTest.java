package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy started while only one gateway was known learns of another later (as the app's joined node does when the
 * directory finds it): the new gateway joins the choice, what was measured of the first is kept, the tunnel in use
 * is not disturbed, an empty list changes nothing, and the user can then connect to the newcomer.
 */
class ProxyGatewayUpdateTest {

    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;
    private LocalTestNetwork network;
    private ProxyServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void gatewaysFoundLaterJoinTheChoiceWithoutDisturbingTheTunnel() throws Exception {
        network = LocalTestNetwork.start(dir, 7, 2, ProxySettings.loopback(0, -1), 0, 11);
        List<GatewayCandidate> gateways = network.gateways();
        GatewayCandidate first = gateways.get(0);
        GatewayCandidate later = gateways.get(1);
        proxy = ProxyServer.startAuto(network.client(), List.of(first), ProxySettings.loopback(0, -1));
        assertThat(proxy.status().gateway()).isEqualTo(first);
        assertThat(proxy.gateways()).extracting(GatewaySnapshot::candidate).containsExactly(first);
        int attempts = proxy.gateways().get(0).attempts();
        assertThat(attempts).isPositive();

        proxy.updateGateways(List.of());
        assertThat(proxy.gateways()).as("an empty list forgets nothing").extracting(GatewaySnapshot::candidate)
                .containsExactly(first);

        proxy.updateGateways(List.of(later, first));
        List<GatewaySnapshot> both = proxy.gateways();
        assertThat(both).extracting(GatewaySnapshot::candidate).containsExactly(later, first);
        GatewaySnapshot kept = both.get(1);
        assertThat(kept.attempts()).as("measurements carry over").isEqualTo(attempts);
        assertThat(kept.inUse()).isTrue();
        assertThat(proxy.status().gateway()).as("the tunnel stays where it was").isEqualTo(first);

        TunnelStatus moved = proxy.connectTo(later.gateway()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(moved.state()).isIn(TunnelState.CONNECTED, TunnelState.DEGRADED);
        assertThat(moved.gateway()).isEqualTo(later);
    }
}
