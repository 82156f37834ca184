package io.skywire.app.ui;

import io.skywire.node.engine.Counter;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.runtime.RuntimeCounters;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dashboard's state as plain properties: the node, its links and routes, the tunnel's state and reason, the proxy
 * addresses, a rolling window of traffic rates in bytes per second (sent, received, forwarded for others), what the
 * user's own node has earned today and in total, and what the relays of a paid network earned from it. It is fed
 * {@link NodeSample}s by whoever owns the thread rules (the window publishes them on the FX thread), so tests drive it
 * directly without a toolkit; "today" follows the injected clock's calendar day.
 *
 * <p>The tunnel switch: {@link #tunnelOnProperty()} follows the tunnel's real state (on while a tunnel is sought, off
 * once DISCONNECTED). The user flipping it runs one action through the app's {@link TunnelActions}, shared with the
 * Gateways screen: off disconnects; on reconnects to the gateway the user pinned, or lets the client choose ("auto").
 * While any tunnel action runs (the switch's or the Gateways screen's) {@link #tunnelBusyProperty()} is set and the
 * switch waits; once the last has ended the tunnel and the switch show the proxy's status; a failed action flips the
 * switch back to the real state and says why in {@link #tunnelErrorProperty()}. Outcomes come back through the
 * {@code ui} executor.
 */
public final class DashboardViewModel {

    /** Seconds of traffic the chart keeps. */
    public static final int CHART_SECONDS = 60;

    private final StringProperty nodeStatus = new SimpleStringProperty("starting");
    private final IntegerProperty knownPeers = new SimpleIntegerProperty();
    private final IntegerProperty links = new SimpleIntegerProperty();
    private final IntegerProperty routes = new SimpleIntegerProperty();
    private final ObjectProperty<TunnelState> tunnelState = new SimpleObjectProperty<>(TunnelState.CONNECTING);
    private final StringProperty tunnelReason = new SimpleStringProperty("");
    private final StringProperty tunnelGateway = new SimpleStringProperty("none");
    private final StringProperty socksAddress = new SimpleStringProperty("");
    private final StringProperty httpAddress = new SimpleStringProperty("");
    private final ObservableList<BandwidthPoint> bandwidth = FXCollections.observableArrayList();
    private final StringProperty earnings = new SimpleStringProperty("");
    private final StringProperty nodeEarnings = new SimpleStringProperty("");
    private final BooleanProperty tunnelOn = new SimpleBooleanProperty(true);
    private final BooleanProperty tunnelBusy = new SimpleBooleanProperty();
    private final StringProperty tunnelError = new SimpleStringProperty("");
    private final Clock clock;
    private TunnelActions control;
    private Executor ui = Runnable::run;
    private io.skywire.node.identity.NodeId pinnedGateway;
    /** Set while the model itself moves the switch, so only the user's flips run actions. */
    private boolean syncingSwitch;
    private LocalDate earningsDay;
    /** The node's total earnings when {@link #earningsDay} began (0 on the day it started). */
    private long earnedBeforeToday;
    private final java.util.Map<String, Long> earnedByRelay = new java.util.HashMap<>();
    private int payouts;
    private long firstNanos = Long.MIN_VALUE;
    private NodeSample previous;

    /** A dashboard whose "today" is the calendar day of {@code clock}. */
    public DashboardViewModel(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        tunnelOn.addListener((obs, was, on) -> {
            if (!syncingSwitch) {
                switchTunnel(on);
            }
        });
    }

    /** The proxy is up: the switch acts through {@code gatewayControl} alone, outcomes applied by {@code uiThread}. */
    public void tunnelControl(GatewayControl gatewayControl, Executor uiThread) {
        tunnelControl(new TunnelActions(gatewayControl, uiThread), uiThread);
    }

    /** The proxy is up: the switch acts through the shared {@code actions}, outcomes applied by {@code uiThread}. */
    public void tunnelControl(TunnelActions actions, Executor uiThread) {
        control = java.util.Objects.requireNonNull(actions, "actions");
        ui = java.util.Objects.requireNonNull(uiThread, "uiThread");
        actions.listen(new TunnelActions.Listener() {
            @Override
            public void busy(boolean running) {
                tunnelBusy.set(running);
            }

            @Override
            public void settled(TunnelStatus status, io.skywire.node.identity.NodeId chosen, boolean choiceKnown) {
                if (choiceKnown) {
                    pinnedGateway = chosen;
                }
                if (status != null) {
                    showTunnel(status);
                }
                syncSwitch();
            }
        });
    }

    /** The proxy has stopped: the switch takes no more actions. */
    public void tunnelControlStopped() {
        control = null;
    }

    private void switchTunnel(boolean on) {
        TunnelActions acting = control;
        if (acting == null) {
            tunnelError.set("The tunnel cannot be switched before the proxy is up");
            syncSwitch();
            return;
        }
        tunnelError.set("");
        io.skywire.node.identity.NodeId pinned = pinnedGateway;
        CompletableFuture<TunnelStatus> action;
        try {
            action = on ? (pinned == null ? acting.auto() : acting.connect(pinned)) : acting.disconnect();
        } catch (RuntimeException e) {
            action = CompletableFuture.failedFuture(e);
        }
        // The tunnel and the switch follow the actions' listener once the last action has ended; here only the error.
        action.whenComplete((status, error) -> ui.execute(() -> {
            if (error != null) {
                tunnelError.set("Could not turn the tunnel " + (on ? "on" : "off") + ": "
                        + GatewaysViewModel.readable(error));
                syncSwitch();
            }
        }));
    }

    /** Moves the switch to the tunnel's real state without running an action. */
    private void syncSwitch() {
        syncingSwitch = true;
        try {
            tunnelOn.set(tunnelState.get() != TunnelState.DISCONNECTED);
        } finally {
            syncingSwitch = false;
        }
    }

    private void showTunnel(TunnelStatus tunnel) {
        tunnelState.set(tunnel.state());
        tunnelReason.set(tunnel.reason() + (tunnel.direct() ? "; connections go direct, outside the tunnel" : ""));
        tunnelGateway.set(describe(tunnel));
    }

    /** A dashboard on the system clock and time zone. */
    public DashboardViewModel() {
        this(Clock.systemDefaultZone());
    }

    /** The node's identity and the proxy addresses, known once the network is up. */
    public void nodeStarted(String nodeFingerprint, InetSocketAddress socks, InetSocketAddress http) {
        nodeStatus.set("running as " + nodeFingerprint);
        socksAddress.set(socks == null ? "off" : address(socks));
        httpAddress.set(http == null ? "off" : address(http));
    }

    /** A network whose relays charge nothing: there are no earnings to show. */
    public void freeNetwork() {
        earnings.set("none: a free network charges nothing");
    }

    /**
     * A settlement round of a paid network's relay: {@code earnedDroplets} is all it has earned so far (paid out plus
     * its balance at the escrow), {@code newPayouts} the withdrawals made in this round.
     */
    public void relaySettled(String relay, long earnedDroplets, int newPayouts) {
        earnedByRelay.put(relay, earnedDroplets);
        payouts += newPayouts;
        long total = 0;
        for (long earned : earnedByRelay.values()) {
            total = Math.addExact(total, earned);
        }
        earnings.set("Relays (not this node) earned " + Money.sky(total) + " from this client in total, " + payouts + " payout"
                + (payouts == 1 ? "" : "s") + " (settled by the escrow)");
    }

    /** The node has stopped (the window is closing, or it failed to start: {@code why}). */
    public void nodeStopped(String why) {
        nodeStatus.set("stopped: " + why);
    }

    /** Applies one reading: counts, tunnel state and, from the second reading on, a traffic rate. */
    public void accept(NodeSample sample) {
        RuntimeCounters counters = sample.counters();
        knownPeers.set(sample.knownPeers());
        links.set(counters.links());
        routes.set(counters.routes());
        pinnedGateway = sample.chosenGateway();
        if (!tunnelBusy.get()) {
            showTunnel(sample.tunnel());
            syncSwitch();
        }
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = sample.nanos();
        }
        showNodeEarnings(sample);
        if (previous != null && sample.nanos() > previous.nanos()) {
            double seconds = (sample.nanos() - previous.nanos()) / 1e9;
            RuntimeCounters before = previous.counters();
            bandwidth.add(new BandwidthPoint((sample.nanos() - firstNanos) / 1_000_000_000L,
                    rate(before, counters, Counter.BYTES_SENT, seconds),
                    rate(before, counters, Counter.BYTES_RECEIVED, seconds),
                    rate(before, counters, Counter.BYTES_FORWARDED, seconds)));
            if (bandwidth.size() > CHART_SECONDS) {
                bandwidth.remove(0, bandwidth.size() - CHART_SECONDS);
            }
        }
        previous = sample;
    }

    private static double rate(RuntimeCounters before, RuntimeCounters now, Counter counter, double seconds) {
        return Math.max(0, (now.engine(counter) - before.engine(counter)) / seconds);
    }

    /** Today's share of the node's total: the day's baseline moves to the total whenever the calendar day changes. */
    private void showNodeEarnings(NodeSample sample) {
        LocalDate today = LocalDate.now(clock);
        long total = sample.nodeEarnedDroplets();
        if (earningsDay == null) {
            earningsDay = today;
        } else if (!today.equals(earningsDay)) {
            earningsDay = today;
            earnedBeforeToday = previous == null ? 0 : previous.nodeEarnedDroplets();
        }
        long forwarded = sample.counters().engine(Counter.BYTES_FORWARDED);
        nodeEarnings.set(Money.sky(Math.max(0, total - earnedBeforeToday)) + " today, " + Money.sky(total)
                + " in total; forwarded " + ByteRates.amount(forwarded) + " for others");
    }

    private static String describe(TunnelStatus tunnel) {
        GatewayCandidate gateway = tunnel.gateway();
        if (gateway == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(gateway.gateway().fingerprint()).append(" in ").append(gateway.region())
                .append(", ").append(gateway.hops()).append(" hops, ")
                .append(Money.perGb(gateway.expectedCostPerGbDroplets()));
        if (tunnel.roundTripMillis() > 0) {
            text.append(", rtt ").append(tunnel.roundTripMillis()).append(" ms");
        }
        return text.toString();
    }

    static String address(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The tunnel state as the user reads it ("connected"). */
    public static String label(TunnelState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    public StringProperty nodeStatusProperty() {
        return nodeStatus;
    }

    public IntegerProperty knownPeersProperty() {
        return knownPeers;
    }

    public IntegerProperty linksProperty() {
        return links;
    }

    public IntegerProperty routesProperty() {
        return routes;
    }

    public ObjectProperty<TunnelState> tunnelStateProperty() {
        return tunnelState;
    }

    /** The tunnel switch: on while a tunnel is sought; the user flipping it runs the action. */
    public BooleanProperty tunnelOnProperty() {
        return tunnelOn;
    }

    /** A switch action is running; the switch waits. */
    public BooleanProperty tunnelBusyProperty() {
        return tunnelBusy;
    }

    /** Why the last switch action failed, empty after one that worked. */
    public StringProperty tunnelErrorProperty() {
        return tunnelError;
    }

    public StringProperty tunnelReasonProperty() {
        return tunnelReason;
    }

    public StringProperty tunnelGatewayProperty() {
        return tunnelGateway;
    }

    public StringProperty socksAddressProperty() {
        return socksAddress;
    }

    public StringProperty httpAddressProperty() {
        return httpAddress;
    }

    /** What the relays have earned, empty until the first settlement round of a paid network. */
    public StringProperty earningsProperty() {
        return earnings;
    }

    /** What the user's own node earned forwarding for others, today and in total, with the bytes it forwarded. */
    public StringProperty nodeEarningsProperty() {
        return nodeEarnings;
    }

    /** The last {@link #CHART_SECONDS} rates, oldest first. */
    public ObservableList<BandwidthPoint> bandwidth() {
        return bandwidth;
    }
}
