package io.skywire.app.ui;

import static io.skywire.app.ui.UiFixtures.candidate;
import static io.skywire.app.ui.UiFixtures.counters;
import static io.skywire.app.ui.UiFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.gateway.TunnelState;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import org.junit.jupiter.api.Test;

/** The dashboard's view model, fed readings directly: no FX thread, no network. */
class DashboardViewModelTest {

    private static final long SECOND = 1_000_000_000L;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T23:59:58Z"));
    private final DashboardViewModel model = new DashboardViewModel(clock);

    @Test
    void showsTheTunnelsStateReasonAndGateway() {
        var gateway = candidate(1, 750_000, 2_250_000, "eu-west");
        model.accept(new NodeSample(0, counters(0, 0, 2, 3), 5, status(TunnelState.DEGRADED, "1 of 2 routes lost",
                gateway), List.of()));

        assertThat(model.tunnelStateProperty().get()).isEqualTo(TunnelState.DEGRADED);
        assertThat(DashboardViewModel.label(model.tunnelStateProperty().get())).isEqualTo("degraded");
        assertThat(model.tunnelReasonProperty().get()).isEqualTo("1 of 2 routes lost");
        assertThat(model.tunnelGatewayProperty().get()).startsWith(gateway.gateway().fingerprint() + " in eu-west")
                .contains("3 hops").contains("3.000000 SKY/GB").contains("rtt 42 ms");
        assertThat(model.knownPeersProperty().get()).isEqualTo(5);
        assertThat(model.linksProperty().get()).isEqualTo(2);
        assertThat(model.routesProperty().get()).isEqualTo(3);
    }

    @Test
    void aFailedTunnelHasNoGateway() {
        model.accept(new NodeSample(0, counters(0, 0, 0, 0), 5, status(TunnelState.FAILED, "no gateway answers", null),
                List.of()));
        assertThat(model.tunnelGatewayProperty().get()).isEqualTo("none");
        assertThat(model.tunnelReasonProperty().get()).isEqualTo("no gateway answers");
    }

    @Test
    void byteRatesComeFromTheCounterDifferencesOverTheElapsedTime() {
        var connected = status(TunnelState.CONNECTED, "probes answered", null);
        model.accept(new NodeSample(5 * SECOND, counters(100_000, 50_000, 4_000, 1, 1), 5, connected, List.of()));
        assertThat(model.bandwidth()).as("one reading gives no rate yet").isEmpty();

        model.accept(new NodeSample(7 * SECOND, counters(300_000, 90_000, 10_000, 1, 1), 5, connected, List.of()));

        assertThat(model.bandwidth()).containsExactly(new BandwidthPoint(2, 100_000.0, 20_000.0, 3_000.0));
        assertThat(ByteRates.format(100_000.0)).isEqualTo("100.0 kB/s");
        assertThat(ByteRates.format(999)).isEqualTo("999 B/s");
        assertThat(ByteRates.amount(2_500_000_000L)).isEqualTo("2.5 GB");
    }

    @Test
    void theNodesOwnEarningsShowTodayAndInTotalAndTodayRestartsAtMidnight() {
        var connected = status(TunnelState.CONNECTED, "ok", null);
        model.accept(new NodeSample(0, counters(0, 0, 0, 1, 1), 5, connected, List.of(), null, 0));
        assertThat(model.nodeEarningsProperty().get())
                .isEqualTo("0.000000 SKY today, 0.000000 SKY in total; forwarded 0 B for others");
        model.accept(new NodeSample(SECOND, counters(0, 0, 1_500, 1, 1), 5, connected, List.of(), null, 250_000));
        assertThat(model.nodeEarningsProperty().get())
                .isEqualTo("0.250000 SKY today, 0.250000 SKY in total; forwarded 1.5 kB for others");

        clock.set(Instant.parse("2026-11-27T00:00:01Z"));
        model.accept(new NodeSample(3 * SECOND, counters(0, 0, 3_000, 1, 1), 5, connected, List.of(), null, 400_000));
        assertThat(model.nodeEarningsProperty().get()).as("yesterday's 0.25 SKY is not today's")
                .startsWith("0.150000 SKY today, 0.400000 SKY in total");
    }

    @Test
    void theChartKeepsTheLastMinute() {
        var connected = status(TunnelState.CONNECTED, "ok", null);
        for (int s = 0; s <= DashboardViewModel.CHART_SECONDS + 10; s++) {
            model.accept(new NodeSample(s * SECOND, counters(s * 10L, s * 5L, s * 2L, 1, 1), 5, connected, List.of()));
        }
        assertThat(model.bandwidth()).hasSize(DashboardViewModel.CHART_SECONDS);
        assertThat(model.bandwidth().get(0).second()).isEqualTo(11);
        assertThat(model.bandwidth()).allSatisfy(point -> {
            assertThat(point.sent()).isEqualTo(10.0);
            assertThat(point.received()).isEqualTo(5.0);
            assertThat(point.forwarded()).isEqualTo(2.0);
        });
    }

    @Test
    void proxyAddressesAndNodeStatusOnceStarted() {
        model.nodeStarted("3fc5-cf24", new InetSocketAddress("127.0.0.1", 1080), null);
        assertThat(model.nodeStatusProperty().get()).isEqualTo("running as 3fc5-cf24");
        assertThat(model.socksAddressProperty().get()).isEqualTo("127.0.0.1:1080");
        assertThat(model.httpAddressProperty().get()).isEqualTo("off");
        model.nodeStopped("window closed");
        assertThat(model.nodeStatusProperty().get()).isEqualTo("stopped: window closed");
    }

    @Test
    void earningsSumEachRelaysLatestTotalAndCountPayouts() {
        assertThat(model.earningsProperty().get()).isEmpty();
        model.relaySettled("relay-a", 1_000, 0);
        model.relaySettled("relay-b", 2_500, 0);
        model.relaySettled("relay-a", 1_000_000, 1);
        assertThat(model.earningsProperty().get())
                .isEqualTo("Relays (not this node) earned 1.002500 SKY from this client in total, 1 payout "
                        + "(settled by the escrow)");
        model.relaySettled("relay-b", 2_500, 2);
        assertThat(model.earningsProperty().get()).contains("3 payouts");
    }

    @Test
    void aFreeNetworkSaysItChargesNothing() {
        model.freeNetwork();
        assertThat(model.earningsProperty().get()).isEqualTo("none: a free network charges nothing");
    }

    @Test
    void theTunnelSwitchFollowsTheRealStateWithoutRunningAnAction() {
        GatewaysViewModelTest.FakeControl control = connectedWithControl();
        assertThat(model.tunnelOnProperty().get()).isTrue();

        model.accept(sample(status(TunnelState.DISCONNECTED, "disconnected by you", null), null));

        assertThat(model.tunnelOnProperty().get()).isFalse();
        assertThat(control.calls).as("a reading moves the switch; only the user's flip acts").isEmpty();
    }

    @Test
    void switchingOffDisconnectsAndWaitsForTheOutcome() {
        GatewaysViewModelTest.FakeControl control = connectedWithControl();

        model.tunnelOnProperty().set(false);

        assertThat(control.calls).containsExactly("disconnect");
        assertThat(model.tunnelBusyProperty().get()).isTrue();
        model.tunnelOnProperty().set(true);
        assertThat(control.calls).as("one action at a time: the flip back waits for the disconnect")
                .containsExactly("disconnect");
        assertThat(model.tunnelErrorProperty().get()).isEmpty();
        model.tunnelOnProperty().set(false); // and the user changes their mind again: off is the last action given

        control.tunnel.complete(new TunnelStatus(TunnelState.DISCONNECTED,
                "disconnected by you; the kill switch refuses every proxied connection", null, 0, 0, false));

        assertThat(control.calls).as("the queued actions ran after it, in order").containsExactly("disconnect",
                "auto", "disconnect");
        assertThat(model.tunnelBusyProperty().get()).isFalse();
        assertThat(model.tunnelOnProperty().get()).isFalse();
        assertThat(model.tunnelStateProperty().get()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(model.tunnelReasonProperty().get()).contains("the kill switch refuses every proxied connection");
    }

    @Test
    void switchingOnReturnsToThePinnedGatewayOrLetsTheClientChoose() {
        GatewaysViewModelTest.FakeControl control = new GatewaysViewModelTest.FakeControl();
        model.tunnelControl(control, Runnable::run);
        var pinned = candidate(2, 1, 1, "us-east");
        model.accept(sample(status(TunnelState.DISCONNECTED, "disconnected by you", null), pinned.gateway()));

        model.tunnelOnProperty().set(true);
        control.tunnel.complete(status(TunnelState.CONNECTED, "probes answered", pinned));

        assertThat(control.calls).containsExactly("connect " + pinned.gateway().fingerprint());
        assertThat(model.tunnelOnProperty().get()).isTrue();
        assertThat(model.tunnelStateProperty().get()).isEqualTo(TunnelState.CONNECTED);

        control.tunnel = new CompletableFuture<>();
        model.accept(sample(status(TunnelState.DISCONNECTED, "disconnected by you", null), null));
        model.tunnelOnProperty().set(true);
        assertThat(control.calls).last().isEqualTo("auto");
    }

    @Test
    void aFailedActionFlipsTheSwitchBackWithAReadableError() {
        GatewaysViewModelTest.FakeControl control = connectedWithControl();

        model.tunnelOnProperty().set(false);
        control.tunnel.completeExceptionally(new java.util.concurrent.CompletionException(
                new IllegalStateException("the proxy has stopped")));

        assertThat(model.tunnelOnProperty().get()).isTrue();
        assertThat(model.tunnelBusyProperty().get()).isFalse();
        assertThat(model.tunnelErrorProperty().get()).isEqualTo("Could not turn the tunnel off: the proxy has stopped");
        assertThat(model.tunnelStateProperty().get()).isEqualTo(TunnelState.CONNECTED);
    }

    @Test
    void withoutAProxyTheSwitchStaysWhereTheTunnelIs() {
        model.accept(sample(status(TunnelState.CONNECTED, "probes answered", null), null));

        model.tunnelOnProperty().set(false);

        assertThat(model.tunnelOnProperty().get()).isTrue();
        assertThat(model.tunnelErrorProperty().get()).contains("before the proxy is up");
    }

    /** The model with a control whose futures the test completes, after a reading of a connected tunnel. */
    private GatewaysViewModelTest.FakeControl connectedWithControl() {
        GatewaysViewModelTest.FakeControl control = new GatewaysViewModelTest.FakeControl();
        model.tunnelControl(control, Runnable::run);
        model.accept(sample(status(TunnelState.CONNECTED, "probes answered", candidate(1, 1, 1, "eu")), null));
        return control;
    }

    private static NodeSample sample(TunnelStatus tunnel, NodeId chosen) {
        return new NodeSample(0, counters(0, 0, 0, 0), 3, tunnel, List.of(), chosen, 0);
    }

    /** A clock the test moves by hand (UTC), to cross midnight without waiting. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
