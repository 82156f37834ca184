package io.skywire.app.ui;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import io.skywire.wallet.ledger.Droplets;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The gateway table's state: every gateway the client knows as {@link GatewayRow}s, a text filter (region or
 * fingerprint), a region filter and an optional ceiling on the expected cost per GB; the selected gateway with what
 * one GB through it is expected to cost before connecting; the tunnel's state with whether the user or the client
 * chose its gateway; and the four actions (connect, disconnect, speed test, auto), which run through a
 * {@link GatewayControl} off the FX thread while {@link #busyProperty()} is set, their outcome coming back through the
 * {@code ui} executor as a message or a readable error. The tunnel actions go through the app's one
 * {@link TunnelActions}, shared with the dashboard's switch: they queue behind any tunnel action running (the last one
 * given wins), the model is busy while any runs, and the tunnel shown is the proxy's once the last has ended. The
 * table binds {@link #rows()}, whose comparator it sets from its sort order; tests read the same list, and drive the
 * actions with their own control, without a toolkit.
 */
public final class GatewaysViewModel {

    /** The region filter's value that lets every region through. */
    public static final String ALL_REGIONS = "All regions";

    private final Executor ui;
    private final ObservableList<GatewayRow> all = FXCollections.observableArrayList();
    private final FilteredList<GatewayRow> filtered = new FilteredList<>(all);
    private final SortedList<GatewayRow> sorted = new SortedList<>(filtered);
    private final ObservableList<String> regions = FXCollections.observableArrayList(ALL_REGIONS);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final StringProperty region = new SimpleStringProperty(ALL_REGIONS);
    /** Null for no ceiling. */
    private final ObjectProperty<Long> maxCostPerGbDroplets = new SimpleObjectProperty<>();
    private final ObjectProperty<GatewayRow> selected = new SimpleObjectProperty<>();
    private final StringProperty selectedCost = new SimpleStringProperty("Select a gateway to see what it costs.");
    private final StringProperty tunnel = new SimpleStringProperty("Starting…");
    private final ObjectProperty<TunnelState> tunnelState = new SimpleObjectProperty<>(TunnelState.CONNECTING);
    private final BooleanProperty auto = new SimpleBooleanProperty(true);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final StringProperty activity = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final StringProperty socksAddress = new SimpleStringProperty("");
    private final StringProperty httpAddress = new SimpleStringProperty("");
    private GatewayControl control;
    private TunnelActions tunnelActions;
    /** A tunnel action (this screen's or the dashboard's) is running; see {@link TunnelActions}. */
    private boolean tunnelBusy;
    /** A speed test is running. */
    private boolean testing;
    /** The gateway the user chose as last shown (null: the client chooses). */
    private NodeId lastChosen;
    private final VpnSwitchModel vpn;

    /** A model whose action outcomes are applied by {@code ui} (the FX thread's {@code Platform::runLater}). */
    public GatewaysViewModel(Executor ui) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.vpn = new VpnSwitchModel(ui, () -> selected.get() == null ? null : selected.get().id());
        filterText.addListener((obs, old, now) -> refilter());
        region.addListener((obs, old, now) -> refilter());
        maxCostPerGbDroplets.addListener((obs, old, now) -> refilter());
        selected.addListener((obs, old, now) -> selectedCost.set(costText(now)));
    }

    /** A model for tests that run everything on the calling thread. */
    public GatewaysViewModel() {
        this(Runnable::run);
    }

    /** The proxy is up: its addresses, and the control the actions go through (this screen's alone). */
    public void proxyStarted(GatewayControl proxy, InetSocketAddress socks, InetSocketAddress http) {
        proxyStarted(new TunnelActions(proxy, ui), socks, http);
    }

    /** The proxy is up: its addresses, and the tunnel actions the app's screens share. */
    public void proxyStarted(TunnelActions actions, InetSocketAddress socks, InetSocketAddress http) {
        control = Objects.requireNonNull(actions, "actions");
        tunnelActions = actions;
        actions.listen(new TunnelActions.Listener() {
            @Override
            public void busy(boolean running) {
                tunnelBusy = running;
                busy.set(tunnelBusy || testing);
                if (!running && !testing) {
                    activity.set("");
                }
            }

            @Override
            public void settled(TunnelStatus status, NodeId chosen, boolean choiceKnown) {
                if (status != null) {
                    showTunnel(status, choiceKnown ? chosen : lastChosen);
                    markInUse(status);
                }
            }
        });
        socksAddress.set(DashboardViewModel.address(socks));
        httpAddress.set(http == null ? "off" : DashboardViewModel.address(http));
        ready.set(true);
    }

    /** The proxy has stopped: no more actions. */
    public void proxyStopped() {
        control = null;
        tunnelActions = null;
        ready.set(false);
        vpn.detach();
    }

    /** The VPN switch: its gateway is the selected row's, or automatic when none is selected. */
    public VpnSwitchModel vpn() {
        return vpn;
    }

    /** Applies one reading: the rows, the tunnel's state and who chose its gateway. */
    public void accept(NodeSample sample) {
        accept(sample.gateways());
        if (!tunnelBusy) { // a reading taken while an action runs may be from before it
            showTunnel(sample.tunnel(), sample.chosenGateway());
        }
    }

    private void showTunnel(TunnelStatus status, NodeId chosen) {
        lastChosen = chosen;
        tunnelState.set(status.state());
        auto.set(chosen == null);
        tunnel.set(describe(status, chosen));
    }

    /** The table's "in use" as the settled status has it, until the next reading brings fresh rows. */
    private void markInUse(TunnelStatus status) {
        NodeId through = status.state() == TunnelState.DISCONNECTED || status.gateway() == null ? null
                : status.gateway().gateway();
        for (int i = 0; i < all.size(); i++) {
            GatewayRow row = all.get(i);
            boolean inUse = row.id().equals(through);
            if (row.inUse() != inUse) {
                all.set(i, row.withInUse(inUse));
            }
        }
        GatewayRow was = selected.get();
        selected.set(was == null ? null : find(was.id()));
    }

    /** Replaces the rows with the latest snapshots, keeping filters, sort order and the selected gateway. */
    public void accept(List<GatewaySnapshot> snapshots) {
        all.setAll(snapshots.stream().map(GatewayRow::of).toList());
        TreeSet<String> known = new TreeSet<>();
        all.forEach(row -> known.add(row.region()));
        if (!regions.subList(1, regions.size()).equals(List.copyOf(known))) {
            regions.setAll(ALL_REGIONS);
            regions.addAll(known);
        }
        GatewayRow was = selected.get();
        selected.set(was == null ? null : find(was.id()));
    }

    private GatewayRow find(NodeId id) {
        return all.stream().filter(row -> row.id().equals(id)).findFirst().orElse(null);
    }

    private static String describe(TunnelStatus status, NodeId chosen) {
        String state = DashboardViewModel.label(status.state());
        String who = chosen == null ? "auto: the client chooses the best value" : "chosen by you";
        return switch (status.state()) {
            case DISCONNECTED -> "Off: " + status.reason();
            case FAILED -> "Failed (" + who + "): " + status.reason();
            default -> status.gateway() == null ? state + " (" + who + ")"
                    : state + " to " + status.gateway().gateway().fingerprint() + " in " + status.gateway().region()
                    + " (" + who + ")";
        };
    }

    private static String costText(GatewayRow row) {
        if (row == null) {
            return "Select a gateway to see what it costs.";
        }
        return row.gateway() + " in " + row.region() + ": expected cost " + Money.perGb(row.expectedCostPerGbDroplets())
                + " (gateway " + Money.perGb(row.pricePerGbDroplets()) + " + transit "
                + Money.perGb(row.transitPerGbDroplets()) + " on the dearest of " + row.routes() + " route"
                + (row.routes() == 1 ? "" : "s") + " of at least " + row.hops() + " hops)";
    }

    private void refilter() {
        String needle = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        String onlyRegion = region.get() == null || ALL_REGIONS.equals(region.get()) ? null : region.get();
        Long ceiling = maxCostPerGbDroplets.get();
        filtered.setPredicate(row -> (needle.isEmpty()
                || row.region().toLowerCase(Locale.ROOT).contains(needle)
                || row.gateway().toLowerCase(Locale.ROOT).contains(needle))
                && (onlyRegion == null || row.region().equals(onlyRegion))
                && (ceiling == null || row.expectedCostPerGbDroplets() <= ceiling));
    }

    /**
     * Parses the user's cost ceiling in SKY per GB ("1.5"), exactly into droplets; blank clears it.
     *
     * @return an error message for the field, or null when accepted
     */
    public String setMaxCostSky(String text) {
        if (text == null || text.isBlank()) {
            maxCostPerGbDroplets.set(null);
            return null;
        }
        Droplets ceiling;
        try {
            ceiling = Droplets.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return "not a price in SKY with at most 6 decimals: " + text.strip();
        }
        if (ceiling.isNegative()) {
            return "a price cannot be negative";
        }
        maxCostPerGbDroplets.set(ceiling.value());
        return null;
    }

    /** The user selected {@code row} in the table (null: nothing). */
    public void select(GatewayRow row) {
        selected.set(row);
    }

    /** Connects to the selected gateway and keeps the tunnel there. */
    public void connectSelected() {
        GatewayRow row = selected.get();
        if (row != null) {
            runTunnel("Connecting to gateway " + row.gateway() + "…", c -> c.connect(row.id()),
                    status -> outcome(status, "Connected to gateway " + row.gateway()));
        }
    }

    /** Turns the tunnel off. */
    public void disconnect() {
        runTunnel("Disconnecting…", GatewayControl::disconnect, status -> "Off: " + status.reason());
    }

    /** Lets the client choose the best-value gateway again. */
    public void auto() {
        runTunnel("Choosing the best-value gateway…", GatewayControl::auto,
                status -> outcome(status, "Auto: connected to gateway "
                        + (status.gateway() == null ? "none" : status.gateway().gateway().fingerprint())));
    }

    /** Measures the selected gateway's round trip and throughput; the row shows them when done. */
    public void speedTestSelected() {
        GatewayRow row = selected.get();
        if (row != null) {
            run("Speed test of gateway " + row.gateway() + "…", c -> c.speedTest(row.id()), snapshot -> {
                GatewayRow measured = GatewayRow.of(snapshot);
                int at = all.indexOf(find(measured.id()));
                if (at >= 0) {
                    all.set(at, measured);
                    if (selected.get() != null && selected.get().id().equals(measured.id())) {
                        selected.set(measured);
                    }
                }
                return "Speed test of gateway " + measured.gateway() + ": latency " + measured.roundTripMillis()
                        + " ms, " + ByteRates.format(measured.throughputBytesPerSecond());
            });
        }
    }

    private static String outcome(TunnelStatus status, String success) {
        return status.state() == TunnelState.CONNECTED || status.state() == TunnelState.DEGRADED
                ? success + " (" + DashboardViewModel.label(status.state()) + ")"
                : DashboardViewModel.label(status.state()) + ": " + status.reason();
    }

    /**
     * A tunnel action: queued on the shared {@link TunnelActions} even while another runs (the last one given wins);
     * busy and the tunnel shown follow the actions' listener, the message this action's outcome.
     */
    private void runTunnel(String what, Function<GatewayControl, CompletableFuture<TunnelStatus>> action,
                           Function<TunnelStatus, String> done) {
        TunnelActions actions = tunnelActions;
        if (actions == null) {
            return;
        }
        activity.set(what);
        message.set("");
        attempt(() -> action.apply(actions)).whenComplete((result, error) -> ui.execute(() -> report(result, error,
                done)));
    }

    /** The speed test: one at a time, not while a tunnel action runs. */
    private <T> void run(String what, Function<GatewayControl, CompletableFuture<T>> action,
                         Function<T, String> done) {
        GatewayControl proxy = control;
        if (proxy == null || busy.get()) {
            return;
        }
        testing = true;
        busy.set(true);
        activity.set(what);
        message.set("");
        attempt(() -> action.apply(proxy)).whenComplete((result, error) -> ui.execute(() -> {
            testing = false;
            busy.set(tunnelBusy);
            activity.set("");
            report(result, error, done);
        }));
    }

    private <T> void report(T result, Throwable error, Function<T, String> done) {
        if (error == null) {
            messageIsError.set(false);
            message.set(done.apply(result));
        } else {
            messageIsError.set(true);
            message.set(readable(error));
        }
    }

    /** {@code action}'s future, or a failed one when it throws instead: every failure reaches the user the same way. */
    static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The innermost message of a failure, never a stack trace. */
    static String readable(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getSimpleName() : text;
    }

    /** The filtered, sorted rows the table shows. */
    public SortedList<GatewayRow> rows() {
        return sorted;
    }

    /** "All regions" and every region a known gateway is in, sorted. */
    public ObservableList<String> regions() {
        return regions;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public ObjectProperty<Long> maxCostPerGbDropletsProperty() {
        return maxCostPerGbDroplets;
    }

    public ObjectProperty<GatewayRow> selectedProperty() {
        return selected;
    }

    /** What one GB through the selected gateway is expected to cost, before connecting. */
    public StringProperty selectedCostProperty() {
        return selectedCost;
    }

    /** The tunnel's state, its gateway and who chose it. */
    public StringProperty tunnelProperty() {
        return tunnel;
    }

    public ObjectProperty<TunnelState> tunnelStateProperty() {
        return tunnelState;
    }

    /** Whether the client chooses the gateway (no gateway pinned by the user). */
    public BooleanProperty autoProperty() {
        return auto;
    }

    /** An action is running; the buttons wait. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The proxy is up and takes actions. */
    public BooleanProperty readyProperty() {
        return ready;
    }

    /** What the running action does, empty when idle. */
    public StringProperty activityProperty() {
        return activity;
    }

    /** The last action's outcome or readable error. */
    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty messageIsErrorProperty() {
        return messageIsError;
    }

    public StringProperty socksAddressProperty() {
        return socksAddress;
    }

    public StringProperty httpAddressProperty() {
        return httpAddress;
    }
}
