package io.skywire.app.ui;

import static io.skywire.app.ui.UiFixtures.candidate;
import static io.skywire.app.ui.UiFixtures.snapshot;
import static io.skywire.app.ui.UiFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway table's view model: rows from snapshots, text and cost filters, sorting, no FX thread. */
class GatewaysViewModelTest {

    private final GatewaysViewModel model = new GatewaysViewModel();

    @BeforeEach
    void threeGateways() {
        model.accept(List.of(
                snapshot(candidate(1, 500_000, 2_000_000, "eu-west"), 1, 1, 35, true),
                snapshot(candidate(2, 750_000, 2_000_000, "us-east"), 2, 1, 80, false),
                snapshot(candidate(3, 1_000_000, 2_000_000, "ap-south"), 0, 0, 0, false)));
    }

    @Test
    void rowsCarryPricesMeasurementsAndTheGatewayInUse() {
        GatewayRow first = model.rows().get(0);
        assertThat(first.region()).isEqualTo("eu-west");
        assertThat(first.pricePerGbDroplets()).isEqualTo(500_000);
        assertThat(first.expectedCostPerGbDroplets()).isEqualTo(2_500_000);
        assertThat(first.hops()).isEqualTo(3);
        assertThat(first.roundTripMillis()).isEqualTo(35);
        assertThat(first.successPercent()).isEqualTo(100);
        assertThat(first.inUse()).isTrue();
        assertThat(model.rows().get(1).successPercent()).isEqualTo(50);
        assertThat(model.rows().get(2).successPercent()).as("never tried is unknown, not 0 %").isEqualTo(-1);
    }

    @Test
    void textFilterMatchesRegionOrGatewayIgnoringCase() {
        model.filterTextProperty().set("US-");
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("us-east");
        String fingerprint = model.rows().get(0).gateway();
        model.filterTextProperty().set(fingerprint.substring(0, 9));
        assertThat(model.rows()).extracting(GatewayRow::gateway).contains(fingerprint);
        model.filterTextProperty().set("");
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void costCeilingInSkyIsParsedExactlyAndExplainedWhenWrong() {
        assertThat(model.setMaxCostSky("2.75")).isNull();
        assertThat(model.maxCostPerGbDropletsProperty().get()).isEqualTo(2_750_000L);
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("eu-west", "us-east");

        assertThat(model.setMaxCostSky("0.0000001")).contains("at most 6 decimals");
        assertThat(model.setMaxCostSky("cheap")).contains("not a price");
        assertThat(model.setMaxCostSky("-1")).contains("negative");
        assertThat(model.rows()).as("a refused value keeps the last ceiling").hasSize(2);

        assertThat(model.setMaxCostSky(" ")).isNull();
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void sortsByTheComparatorTheTableSetsAndKeepsItAcrossUpdates() {
        model.rows().setComparator(Comparator.comparingLong(GatewayRow::pricePerGbDroplets).reversed());
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("ap-south", "us-east", "eu-west");
        model.accept(List.of(snapshot(candidate(1, 500_000, 0, "eu-west"), 0, 0, 0, false),
                snapshot(candidate(4, 900_000, 0, "sa-east"), 0, 0, 0, false)));
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("sa-east", "eu-west");
    }

    @Test
    void moneyIsShownInSkyFromIntegerDroplets() {
        assertThat(Money.perGb(750_000)).isEqualTo("0.750000 SKY/GB");
        assertThat(Money.sky(1_000_001)).isEqualTo("1.000001 SKY");
    }

    @Test
    void regionFilterOffersEveryKnownRegionAndCombinesWithTheOtherFilters() {
        assertThat(model.regions()).containsExactly(GatewaysViewModel.ALL_REGIONS, "ap-south", "eu-west", "us-east");
        model.regionProperty().set("us-east");
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("us-east");
        model.setMaxCostSky("2.6");
        assertThat(model.rows()).as("us-east costs 2.75 SKY/GB").isEmpty();
        model.regionProperty().set(GatewaysViewModel.ALL_REGIONS);
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("eu-west");
    }

    @Test
    void theSelectionSurvivesARefreshAndShowsTheExpectedCostBeforeConnecting() {
        GatewayRow usEast = model.rows().get(1);
        model.select(usEast);
        assertThat(model.selectedCostProperty().get()).isEqualTo(usEast.gateway() + " in us-east: expected cost "
                + "2.750000 SKY/GB (gateway 0.750000 SKY/GB + transit 2.000000 SKY/GB on the dearest of 1 route of "
                + "at least 3 hops)");
        model.accept(List.of(snapshot(candidate(1, 500_000, 2_000_000, "eu-west"), 1, 1, 35, true),
                snapshot(candidate(2, 750_000, 2_000_000, "us-east"), 3, 2, 60, false)));
        assertThat(model.selectedProperty().get().id()).isEqualTo(usEast.id());
        assertThat(model.selectedProperty().get().roundTripMillis()).as("the refreshed row").isEqualTo(60);
        model.accept(List.of(snapshot(candidate(1, 500_000, 2_000_000, "eu-west"), 1, 1, 35, true)));
        assertThat(model.selectedProperty().get()).as("a gateway that is gone is no longer selected").isNull();
    }

    @Test
    void actionsRunThroughTheControlAndReportTheirOutcome() {
        FakeControl control = new FakeControl();
        model.proxyStarted(control, new InetSocketAddress("127.0.0.1", 1080), null);
        assertThat(model.socksAddressProperty().get()).isEqualTo("127.0.0.1:1080");
        assertThat(model.httpAddressProperty().get()).isEqualTo("off");
        GatewayRow usEast = model.rows().get(1);

        model.connectSelected();
        assertThat(control.calls).as("nothing selected, nothing to connect").isEmpty();
        model.select(usEast);
        model.connectSelected();
        assertThat(control.calls).containsExactly("connect " + usEast.gateway());
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.activityProperty().get()).isEqualTo("Connecting to gateway " + usEast.gateway() + "…");
        model.speedTestSelected();
        assertThat(control.calls).as("one action at a time").hasSize(1);

        control.tunnel.complete(status(TunnelState.CONNECTED, "the gateway answers through the tunnel",
                candidate(2, 750_000, 2_000_000, "us-east")));
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.activityProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Connected to gateway " + usEast.gateway() + " (connected)");
        assertThat(model.messageIsErrorProperty().get()).isFalse();

        control.tunnel = new CompletableFuture<>();
        model.speedTestSelected();
        control.snapshot.complete(snapshot(candidate(2, 750_000, 2_000_000, "us-east"), 3, 2, 12, false));
        assertThat(model.messageProperty().get()).isEqualTo("Speed test of gateway " + usEast.gateway()
                + ": latency 12 ms, 250.0 kB/s");
        assertThat(model.rows().get(1).roundTripMillis()).as("the row shows the measurement at once").isEqualTo(12);

        model.disconnect();
        control.tunnel.completeExceptionally(new CompletionException(new IllegalStateException("the proxy has stopped")));
        assertThat(model.messageProperty().get()).as("a readable message, not a stack trace")
                .isEqualTo("the proxy has stopped");
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(control.calls).containsExactly("connect " + usEast.gateway(), "speed " + usEast.gateway(),
                "disconnect");

        model.proxyStopped();
        model.auto();
        assertThat(control.calls).as("no actions once the proxy stopped").hasSize(3);
    }

    @Test
    void theTunnelLineSaysWhoChoseTheGatewayAndWhenItIsOff() {
        var gateway = candidate(2, 750_000, 2_000_000, "us-east");
        model.accept(new NodeSample(0, UiFixtures.counters(0, 0, 1, 1), 3,
                status(TunnelState.CONNECTED, "ok", gateway), List.of(), gateway.gateway(), 0));
        assertThat(model.tunnelProperty().get()).isEqualTo("connected to " + gateway.gateway().fingerprint()
                + " in us-east (chosen by you)");
        assertThat(model.autoProperty().get()).isFalse();
        model.accept(new NodeSample(0, UiFixtures.counters(0, 0, 1, 1), 3, status(TunnelState.DISCONNECTED,
                "disconnected by you; the kill switch refuses every proxied connection", null), List.of()));
        assertThat(model.tunnelProperty().get())
                .isEqualTo("Off: disconnected by you; the kill switch refuses every proxied connection");
        assertThat(model.autoProperty().get()).isTrue();
        assertThat(model.tunnelStateProperty().get()).isEqualTo(TunnelState.DISCONNECTED);
    }

    @Test
    void withoutPrivilegeTheVpnSwitchStaysOffAndExplainsWhatToDoInstead() {
        FakeVpnControl vpn = FakeVpnControl.unprivileged();
        model.vpn().attach(vpn);
        assertThat(model.vpn().availableProperty().get()).isFalse();
        assertThat(model.vpn().explanationProperty().get())
                .startsWith("A system-wide VPN needs root or CAP_NET_ADMIN. ")
                .contains("sudo setcap cap_net_admin+ep ")
                .contains("sudo skywire vpn up")
                .contains("SOCKS5 and HTTP proxy addresses below work without it");
        assertThat(model.vpn().statusProperty().get()).isEqualTo("VPN unavailable: the app runs without root or "
                + "CAP_NET_ADMIN");

        model.vpn().onProperty().set(true);
        assertThat(model.vpn().onProperty().get()).as("the switch flips back at once").isFalse();
        assertThat(vpn.calls).as("nothing is asked of a VPN that cannot come up").isEmpty();
    }

    @Test
    void withPrivilegeTheVpnSwitchGoesUpThroughTheSelectedGatewayAndDown() {
        FakeVpnControl vpn = FakeVpnControl.privileged();
        model.vpn().attach(vpn);
        assertThat(model.vpn().availableProperty().get()).isTrue();
        assertThat(model.vpn().explanationProperty().get()).isEmpty();
        assertThat(model.vpn().statusProperty().get()).isEqualTo("VPN off");

        GatewayRow usEast = model.rows().stream().filter(row -> row.region().equals("us-east")).findFirst().orElseThrow();
        model.select(usEast);
        model.vpn().onProperty().set(true);
        assertThat(vpn.calls).containsExactly("up " + usEast.gateway());
        assertThat(model.vpn().busyProperty().get()).isTrue();
        assertThat(model.vpn().statusProperty().get()).isEqualTo("Starting the VPN through gateway "
                + usEast.gateway() + "…");

        vpn.started.complete("vpn CONNECTING: connecting to gateway " + usEast.gateway() + " over 1 path(s)");
        assertThat(model.vpn().busyProperty().get()).isFalse();
        assertThat(model.vpn().onProperty().get()).isTrue();
        assertThat(model.vpn().statusProperty().get()).startsWith("vpn CONNECTING: connecting to gateway ");
        vpn.report("vpn UP: connected to gateway " + usEast.gateway() + " as 10.77.0.2");
        assertThat(model.vpn().statusProperty().get()).as("the VPN client's own status line")
                .isEqualTo("vpn UP: connected to gateway " + usEast.gateway() + " as 10.77.0.2");

        model.vpn().onProperty().set(false);
        assertThat(vpn.calls).containsExactly("up " + usEast.gateway(), "down");
        assertThat(model.vpn().statusProperty().get()).isEqualTo("Stopping the VPN…");
        vpn.stopped.complete(null);
        assertThat(model.vpn().statusProperty().get()).isEqualTo("VPN off");
        vpn.report("vpn DOWN: a late line from the stopped client");
        assertThat(model.vpn().statusProperty().get()).as("no line after the switch went off").isEqualTo("VPN off");

        model.select(null);
        vpn.started = new CompletableFuture<>();
        model.vpn().onProperty().set(true);
        assertThat(vpn.calls).last().isEqualTo("up auto");
        assertThat(model.vpn().statusProperty().get()).isEqualTo("Starting the VPN through the automatic gateway…");
    }

    @Test
    void aVpnThatFailsToComeUpFlipsTheSwitchBackWithAReadableMessage() {
        FakeVpnControl vpn = FakeVpnControl.privileged();
        model.vpn().attach(vpn);
        model.vpn().onProperty().set(true);
        vpn.started.completeExceptionally(new CompletionException(new java.io.IOException(
                "cannot open /dev/net/tun: Operation not permitted")));
        assertThat(model.vpn().onProperty().get()).isFalse();
        assertThat(model.vpn().busyProperty().get()).isFalse();
        assertThat(model.vpn().statusIsErrorProperty().get()).isTrue();
        assertThat(model.vpn().statusProperty().get())
                .isEqualTo("VPN off: cannot open /dev/net/tun: Operation not permitted");
        assertThat(vpn.calls).as("the switch flipping back is not taken for a 'down'").containsExactly("up auto");

        model.proxyStopped();
        assertThat(model.vpn().availableProperty().get()).isFalse();
        model.vpn().onProperty().set(true);
        assertThat(model.vpn().onProperty().get()).isFalse();
        assertThat(vpn.calls).as("no actions once the node stopped").containsExactly("up auto");
    }

    /** Records each call and answers with futures the test completes. */
    static final class FakeControl implements GatewayControl {

        final List<String> calls = new ArrayList<>();
        CompletableFuture<TunnelStatus> tunnel = new CompletableFuture<>();
        final CompletableFuture<GatewaySnapshot> snapshot = new CompletableFuture<>();

        @Override
        public CompletableFuture<TunnelStatus> connect(NodeId gateway) {
            calls.add("connect " + gateway.fingerprint());
            return tunnel;
        }

        @Override
        public CompletableFuture<TunnelStatus> disconnect() {
            calls.add("disconnect");
            return tunnel;
        }

        @Override
        public CompletableFuture<TunnelStatus> auto() {
            calls.add("auto");
            return tunnel;
        }

        @Override
        public CompletableFuture<GatewaySnapshot> speedTest(NodeId gateway) {
            calls.add("speed " + gateway.fingerprint());
            return snapshot;
        }
    }
}
