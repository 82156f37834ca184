package io.skywire.app.ui;

import static io.skywire.app.ui.UiFixtures.candidate;
import static io.skywire.app.ui.UiFixtures.counters;
import static io.skywire.app.ui.UiFixtures.snapshot;
import static io.skywire.app.ui.UiFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Gateways screen and the dashboard's switch acting on one proxy through one {@link TunnelActions}, without a
 * toolkit: actions given back to back run one after the other, both screens are busy until the last has ended, and
 * then both show the proxy's real state, which is the last action's.
 */
class TunnelActionsTest {

    private static final GatewayCandidate FIRST = candidate(1, 500_000, 2_000_000, "eu-west");
    private static final GatewayCandidate SECOND = candidate(2, 750_000, 2_000_000, "us-east");

    private final FakeProxy proxy = new FakeProxy();
    private final TunnelActions actions = new TunnelActions(proxy, Runnable::run);
    private final GatewaysViewModel gateways = new GatewaysViewModel();
    private final DashboardViewModel dashboard = new DashboardViewModel(Clock.systemUTC());

    @BeforeEach
    void bothScreensOnOneProxy() {
        gateways.proxyStarted(actions, new InetSocketAddress("127.0.0.1", 1080), null);
        dashboard.tunnelControl(actions, Runnable::run);
        proxy.state = status(TunnelState.CONNECTED, "the gateway answers through the tunnel", FIRST);
        read(proxy.state, null);
    }

    @Test
    void aConnectOnTheTableThenTheSwitchOffEndsOffOnBothScreens() {
        gateways.select(gateways.rows().stream().filter(row -> row.id().equals(SECOND.gateway())).findFirst()
                .orElseThrow());
        gateways.connectSelected();
        dashboard.tunnelOnProperty().set(false);

        assertThat(proxy.calls).as("the switch's action waits for the table's").containsExactly(
                "connect " + SECOND.gateway().fingerprint());
        bothBusy(true);
        // A reading taken meanwhile (still the first gateway) does not move either screen while actions run.
        read(status(TunnelState.CONNECTED, "the gateway answers through the tunnel", FIRST), null);

        proxy.finish(status(TunnelState.CONNECTED, "the gateway answers through the tunnel", SECOND));
        assertThat(proxy.calls).containsExactly("connect " + SECOND.gateway().fingerprint(), "disconnect");
        bothBusy(true);
        proxy.finish(new TunnelStatus(TunnelState.DISCONNECTED,
                "disconnected by you; the kill switch refuses every proxied connection", null, 0, 0, false));

        assertThat(proxy.maxInFlight).as("never two actions on the proxy at once").isEqualTo(1);
        bothBusy(false);
        assertThat(proxy.state.state()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(dashboard.tunnelStateProperty().get()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(gateways.tunnelStateProperty().get()).isEqualTo(TunnelState.DISCONNECTED);
        assertThat(dashboard.tunnelOnProperty().get()).isFalse();
        assertThat(gateways.tunnelProperty().get())
                .isEqualTo("Off: disconnected by you; the kill switch refuses every proxied connection");
        assertThat(gateways.activityProperty().get()).isEmpty();
        assertThat(gateways.rows()).filteredOn(GatewayRow::inUse).isEmpty();
    }

    @Test
    void theSwitchOffThenAConnectOnTheTableEndsOnTheChosenGatewayOnBothScreens() {
        dashboard.tunnelOnProperty().set(false);
        gateways.select(gateways.rows().stream().filter(row -> row.id().equals(SECOND.gateway())).findFirst()
                .orElseThrow());
        gateways.connectSelected();

        assertThat(proxy.calls).containsExactly("disconnect");
        bothBusy(true);
        proxy.finish(new TunnelStatus(TunnelState.DISCONNECTED, "disconnected by you", null, 0, 0, false));
        assertThat(dashboard.tunnelStateProperty().get()).as("not shown before the last action has ended")
                .isEqualTo(TunnelState.CONNECTED);
        proxy.finish(status(TunnelState.CONNECTED, "the gateway answers through the tunnel", SECOND));

        assertThat(proxy.calls).containsExactly("disconnect", "connect " + SECOND.gateway().fingerprint());
        bothBusy(false);
        assertThat(dashboard.tunnelStateProperty().get()).isEqualTo(TunnelState.CONNECTED);
        assertThat(gateways.tunnelStateProperty().get()).isEqualTo(TunnelState.CONNECTED);
        assertThat(dashboard.tunnelOnProperty().get()).as("the switch follows the proxy back on").isTrue();
        assertThat(dashboard.tunnelGatewayProperty().get()).contains(SECOND.gateway().fingerprint());
        assertThat(gateways.tunnelProperty().get()).isEqualTo("connected to " + SECOND.gateway().fingerprint()
                + " in us-east (chosen by you)");
        assertThat(gateways.autoProperty().get()).isFalse();
        assertThat(gateways.rows()).filteredOn(GatewayRow::inUse).extracting(GatewayRow::id)
                .as("the table marks the gateway in use before the next reading").containsExactly(SECOND.gateway());

        // The switch off and on again returns to the gateway the table chose.
        dashboard.tunnelOnProperty().set(false);
        proxy.finish(new TunnelStatus(TunnelState.DISCONNECTED, "disconnected by you", null, 0, 0, false));
        dashboard.tunnelOnProperty().set(true);
        assertThat(proxy.calls).last().isEqualTo("connect " + SECOND.gateway().fingerprint());
    }

    @Test
    void aFailedActionDoesNotStopTheNextAndItsErrorIsShown() {
        dashboard.tunnelOnProperty().set(false);
        gateways.auto();
        proxy.fail(new IllegalStateException("the proxy is busy"));
        assertThat(dashboard.tunnelErrorProperty().get()).isEqualTo("Could not turn the tunnel off: the proxy is busy");
        assertThat(proxy.calls).containsExactly("disconnect", "auto");
        bothBusy(true);

        proxy.finish(status(TunnelState.CONNECTED, "the gateway answers through the tunnel", FIRST));
        bothBusy(false);
        assertThat(dashboard.tunnelOnProperty().get()).isTrue();
        assertThat(gateways.tunnelProperty().get()).endsWith("(auto: the client chooses the best value)");
        assertThat(gateways.messageProperty().get()).startsWith("Auto: connected to gateway");
    }

    @Test
    void anOutcomeThatReachesTheUiAfterANewActionWasGivenIsDropped() {
        Deque<Runnable> uiQueue = new ArrayDeque<>();
        FakeProxy slow = new FakeProxy();
        TunnelActions queued = new TunnelActions(slow, uiQueue::add);
        List<String> heard = new ArrayList<>();
        queued.listen(new TunnelActions.Listener() {
            @Override
            public void busy(boolean busy) {
                heard.add(busy ? "busy" : "idle");
            }

            @Override
            public void settled(TunnelStatus status, NodeId chosen, boolean choiceKnown) {
                heard.add("settled " + status.state() + (choiceKnown ? " chosen " + chosen : ""));
            }
        });

        queued.disconnect();
        assertThat(heard).as("busy at once, on the thread that gave the action").containsExactly("busy");
        slow.finish(new TunnelStatus(TunnelState.DISCONNECTED, "disconnected by you", null, 0, 0, false));
        queued.auto(); // given before the disconnect's outcome reached the UI thread
        uiQueue.forEach(Runnable::run);
        uiQueue.clear();
        assertThat(heard).as("the disconnect's outcome is not shown: the auto runs").containsExactly("busy");
        slow.finish(status(TunnelState.CONNECTED, "the gateway answers through the tunnel", FIRST));
        uiQueue.forEach(Runnable::run);

        assertThat(heard).containsExactly("busy", "settled CONNECTED chosen null", "idle");
    }

    private void bothBusy(boolean busy) {
        assertThat(gateways.busyProperty().get()).as("the table's buttons wait").isEqualTo(busy);
        assertThat(dashboard.tunnelBusyProperty().get()).as("the switch waits").isEqualTo(busy);
        assertThat(actions.busy()).isEqualTo(busy);
    }

    /** One reading of the proxy for both screens, as the window's monitor gives them. */
    private void read(TunnelStatus tunnel, NodeId chosen) {
        List<GatewaySnapshot> snapshots = List.of(snapshot(FIRST, 1, 1, 35, tunnel.gateway() == FIRST),
                snapshot(SECOND, 1, 1, 60, tunnel.gateway() == SECOND));
        NodeSample sample = new NodeSample(0, counters(0, 0, 0, 0), 3, tunnel, snapshots, chosen, 0);
        gateways.accept(sample);
        dashboard.accept(sample);
    }

    /** A proxy that answers each action with a future the test ends, holding the state the last one left. */
    static final class FakeProxy implements GatewayControl {

        final List<String> calls = new ArrayList<>();
        private final Deque<CompletableFuture<TunnelStatus>> open = new ArrayDeque<>();
        TunnelStatus state;
        int maxInFlight;

        private CompletableFuture<TunnelStatus> call(String what) {
            calls.add(what);
            CompletableFuture<TunnelStatus> future = new CompletableFuture<>();
            open.add(future);
            maxInFlight = Math.max(maxInFlight, open.size());
            return future;
        }

        /** Ends the oldest action with {@code status}, which becomes the proxy's state. */
        void finish(TunnelStatus status) {
            state = status;
            open.remove().complete(status);
        }

        void fail(RuntimeException error) {
            open.remove().completeExceptionally(error);
        }

        @Override
        public CompletableFuture<TunnelStatus> connect(NodeId gateway) {
            return call("connect " + gateway.fingerprint());
        }

        @Override
        public CompletableFuture<TunnelStatus> disconnect() {
            return call("disconnect");
        }

        @Override
        public CompletableFuture<TunnelStatus> auto() {
            return call("auto");
        }

        @Override
        public CompletableFuture<GatewaySnapshot> speedTest(NodeId gateway) {
            return call("speed " + gateway.fingerprint()).thenApply(status -> null);
        }
    }
}
