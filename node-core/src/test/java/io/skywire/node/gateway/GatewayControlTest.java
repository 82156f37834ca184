package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.skywire.node.identity.NodeId;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's control of the tunnel on a real test network (loopback UDP, two gateways): connecting to a chosen
 * gateway moves the tunnel there, a speed test measures any gateway over its own routes, disconnecting turns the
 * tunnel off (the kill switch then refuses SOCKS5 requests, or with it off they go direct), and "auto" hands the
 * choice back.
 */
class GatewayControlTest {

    private static final HealthSettings FAST = new HealthSettings(200, 1_000, 3, 1_500, 60_000);
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;
    private final byte[] file = new byte[64 * 1024];
    private final List<TunnelStatus> seen = new CopyOnWriteArrayList<>();
    private LocalTestNetwork network;
    private HttpServer origin;

    private void start(boolean killSwitch) throws Exception {
        origin = ProxyEndToEndTest.fileOrigin(file);
        network = LocalTestNetwork.start(dir, 7, 2, ProxySettings.loopback(0, -1).withHealth(FAST)
                .withKillSwitch(killSwitch), 0, 11);
        network.proxy().onStatus(seen::add);
    }

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    @Test
    void connectMovesTheTunnelSpeedTestMeasuresDisconnectRefusesAndAutoReturns() throws Exception {
        start(true);
        ProxyServer proxy = network.proxy();
        List<GatewayCandidate> gateways = network.gateways();
        TunnelStatus first = TunnelFailoverTest.awaitStatus(network, s -> s.state() == TunnelState.CONNECTED, seen);
        assertThat(first.gateway()).isEqualTo(gateways.get(0));
        assertThat(proxy.chosenGateway()).as("auto until the user chooses").isNull();

        NodeId other = gateways.get(1).gateway();
        seen.clear();
        TunnelStatus moved = proxy.connectTo(other).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(moved.state()).isIn(TunnelState.CONNECTED, TunnelState.DEGRADED);
        assertThat(moved.gateway()).isEqualTo(gateways.get(1));
        assertThat(seen).anyMatch(s -> s.state() == TunnelState.CONNECTING && gateways.get(1).equals(s.gateway())
                && s.reason().contains("chosen by you"));
        assertThat(proxy.chosenGateway()).isEqualTo(other);
        assertThat(TunnelFailoverTest.fetch(network, origin, file)).isZero();
        assertThat(proxy.gateways()).extracting(GatewaySnapshot::inUse).containsExactly(false, true);

        GatewaySnapshot away = proxy.speedTest(gateways.get(0).gateway()).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(away.candidate()).isEqualTo(gateways.get(0));
        assertThat(away.roundTripMillis()).isPositive();
        assertThat(away.throughputBytesPerSecond()).isPositive();
        assertThat(away.inUse()).isFalse();
        assertThat(proxy.status().gateway()).as("a speed test does not move the tunnel").isEqualTo(gateways.get(1));
        GatewaySnapshot here = proxy.speedTest(other).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(here.roundTripMillis()).isPositive();
        assertThat(here.throughputBytesPerSecond()).isPositive();
        assertThat(here.inUse()).isTrue();

        TunnelStatus off = proxy.disconnect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(off.state()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(off.gateway()).isNull();
        assertThat(off.direct()).isFalse();
        assertThat(off.reason()).contains("disconnected by you").contains("kill switch refuses");
        assertThat(TunnelFailoverTest.fetch(network, origin, file)).as("SOCKS5 general failure").isEqualTo(1);
        assertThat(proxy.gateways()).noneMatch(GatewaySnapshot::inUse);
        // Several probe intervals later it is still off: nothing reconnects behind the user's back.
        Thread.sleep(1_000);
        assertThat(proxy.status().state()).isEqualTo(TunnelState.DISCONNECTED);

        TunnelStatus back = proxy.auto().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(back.state()).isIn(TunnelState.CONNECTED, TunnelState.DEGRADED);
        assertThat(back.gateway()).isIn(gateways);
        assertThat(proxy.chosenGateway()).isNull();
        assertThat(TunnelFailoverTest.fetch(network, origin, file)).isZero();
    }

    @Test
    void withTheKillSwitchOffADisconnectedClientGoesDirectAndUnknownGatewaysAreRefused() throws Exception {
        start(false);
        ProxyServer proxy = network.proxy();
        TunnelFailoverTest.awaitStatus(network, s -> s.state() == TunnelState.CONNECTED, seen);
        TunnelStatus off = proxy.disconnect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(off.state()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(off.direct()).isTrue();
        assertThat(off.toString()).contains("connections go direct");
        assertThat(TunnelFailoverTest.fetch(network, origin, file)).isZero();

        NodeId stranger = network.client().nodeId();
        assertThatThrownBy(() -> proxy.connectTo(stranger).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no gateway " + stranger.fingerprint());
        assertThatThrownBy(() -> proxy.speedTest(stranger).get(WAIT_SECONDS, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(proxy.status().state()).as("a refused choice changes nothing").isEqualTo(TunnelState.DISCONNECTED);
    }
}
