package io.skywire.app.ui;

import io.skywire.app.ui.map.RouteMap;
import io.skywire.app.ui.map.RouteMapModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletFiles;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window and its life cycle around the embedded network: it opens at once, starts the network on a
 * background thread (the status bar shows progress), then feeds the view models from a {@link NodeMonitor} through
 * {@link Platform#runLater}. Closing the window stops the monitor and the network off the FX thread and completes
 * {@link #stopped()}; a network that was still starting is stopped as soon as it is up.
 *
 * <p>All methods but {@link #stopped()} run on the FX thread.
 */
public final class DesktopWindow {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopWindow.class);

    private final Stage stage;
    private final MainController main;
    private final DashboardViewModel dashboard = new DashboardViewModel();
    private final GatewaysViewModel gateways = new GatewaysViewModel(Platform::runLater);
    private final WalletViewModel wallet = new WalletViewModel();
    /** Sending and reading the chat history run here, one at a time, off the FX thread. */
    private final java.util.concurrent.ExecutorService chatWork = java.util.concurrent.Executors.newSingleThreadExecutor(
            work -> {
                Thread thread = new Thread(work, "skywire-gui-chat");
                thread.setDaemon(true);
                return thread;
            });
    private final ChatViewModel chat = new ChatViewModel(chatWork, Platform::runLater);
    private SettingsViewModel settings;
    private boolean joins;
    private final RouteMapModel routeMap = new RouteMapModel(1);
    private volatile UserWallet userWallet;
    private WalletActions walletActions;
    private Stage unlockDialog;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    // Volatile: the JVM's shutdown hook reads them off the FX thread (stopForShutdown).
    private volatile EmbeddedNetwork network;
    private volatile NodeMonitor monitor;
    private volatile NodeMonitor routeMapMonitor;
    /** Set by stopForShutdown: a network that comes up after it is closed at once and never read. */
    private volatile boolean shuttingDown;
    /** Set as the network's stop begins: a reading that fails from then on is the stop's, not a fault. */
    private volatile boolean networkStopping;
    /** The route map's latest reading, for its screen when that loads (it is loaded when first selected). */
    private RouteMap latestMap;
    /** The VPN switch's control; its bulk lane's mode is desktop.conf's as the network started (settings apply at start). */
    private Function<EmbeddedNetwork, VpnControl> vpnControls = network -> {
        io.skywire.app.settings.DesktopSettings current = settings == null ? null : settings.settings();
        return VpnControl.of(network, current == null ? io.skywire.node.engine.ForwardingMode.STORE_AND_FORWARD
                : current.vpnBulkMode());
    };
    private volatile VpnControl vpn;
    private boolean starting;
    private final InteractiveProbe probe = new InteractiveProbe(Platform::runLater);
    /** The unlock under way (the dialog's, or the password file's), null when none was needed. */
    private UnlockViewModel unlocking;
    /** Why the password file did not unlock the wallet, or null. */
    private String unlockError;
    private boolean closing;

    private DesktopWindow(Stage stage, MainController main) {
        this.stage = stage;
        this.main = main;
    }

    /** Shows the window on {@code stage} and starts the network with {@code starter} in the background. */
    public static DesktopWindow show(Stage stage, Callable<EmbeddedNetwork> starter) {
        return show(stage, starter, defaultSettings(), false);
    }

    /**
     * As {@link #show(Stage, Callable)}, with the settings screen showing (and saving) {@code settings}; {@code joins}
     * says that {@code starter} joins configured peers rather than starting the local test network.
     */
    public static DesktopWindow show(Stage stage, Callable<EmbeddedNetwork> starter, SettingsViewModel settings,
                                     boolean joins) {
        DesktopWindow window = open(stage, settings, joins);
        window.start(starter);
        return window;
    }

    /** As {@link #show(Stage, WalletFiles, Function, SettingsViewModel, boolean)} over the local test network. */
    public static DesktopWindow show(Stage stage, WalletFiles files,
                                     Function<UserWallet, Callable<EmbeddedNetwork>> starter) {
        return show(stage, files, starter, defaultSettings(), false);
    }

    /**
     * Shows the window over the wallet in {@code files}: when it has one, an unlock dialog asks for the password
     * first, and the network starts with the unlocked wallet (or without it, after "Not now"); with none the wallet
     * screen says "No wallet yet". {@code starter} makes the network's starter for the wallet (null without one).
     */
    public static DesktopWindow show(Stage stage, WalletFiles files,
                                     Function<UserWallet, Callable<EmbeddedNetwork>> starter,
                                     SettingsViewModel settings, boolean joins) {
        DesktopWindow window = open(stage, settings, joins);
        if (!files.hasWallet()) {
            window.start(starter.apply(null));
            return window;
        }
        UnlockViewModel unlock = new UnlockViewModel(files, Platform::runLater);
        window.unlocking = unlock;
        window.main.working("Waiting for the wallet's password…");
        window.wallet.unlocking();
        unlock.busyProperty().addListener((property, was, busy) -> {
            if (busy) {
                window.main.working("Unlocking the wallet…");
            } else if (!window.closing && !unlock.result().isDone()) {
                window.main.working("Waiting for the wallet's password…");
            }
        });
        unlock.result().thenAccept(unlocked -> {
            if (window.unlockDialog != null) {
                window.unlockDialog.hide();
            }
            window.startWith(unlocked, starter);
        });
        // The dialog (its FXML, a second stage) comes once the window's first frame is on the screen.
        afterFrames(2, () -> {
            if (!window.closing) {
                window.unlockDialog = window.unlockDialog(unlock);
                window.unlockDialog.show();
                // The launch-time benchmark's dialog path waits for this line as well as for "window interactive".
                afterFrames(2, () -> LOG.info("unlock dialog shown"));
            }
        });
        return window;
    }

    /**
     * Shows the window over the wallet in {@code files} and unlocks it with {@code password} behind the window (no
     * dialog: {@code --password-file}), then starts the network with it. The window is shown, and its tabs answer,
     * while scrypt and the wallet's database do their work off the FX thread; the status bar says what is under way.
     * A password that does not unlock the wallet closes the window: {@link #unlockError()} then says why. The array is
     * wiped once tried.
     */
    public static DesktopWindow show(Stage stage, WalletFiles files, char[] password,
                                     Function<UserWallet, Callable<EmbeddedNetwork>> starter,
                                     SettingsViewModel settings, boolean joins) {
        DesktopWindow window = open(stage, settings, joins);
        UnlockViewModel unlock = new UnlockViewModel(files, Platform::runLater);
        window.unlocking = unlock;
        window.main.working("Unlocking the wallet…");
        window.wallet.unlocking();
        unlock.errorProperty().addListener((property, was, error) -> {
            if (!error.isEmpty()) {
                window.unlockError = error.equals(UnlockViewModel.WRONG_PASSWORD) ? "wrong password" : error;
                window.main.status(error);
                window.close();
            }
        });
        unlock.result().thenAccept(unlocked -> window.startWith(unlocked, starter));
        unlock.attempt(password);
        return window;
    }

    /**
     * Shows the window with {@code unlocked}, a wallet the caller already opened (the first-run wizard's, whose
     * password was just typed): no unlock dialog. The window owns the wallet from here and closes it last.
     */
    public static DesktopWindow show(Stage stage, UserWallet unlocked,
                                     Function<UserWallet, Callable<EmbeddedNetwork>> starter,
                                     SettingsViewModel settings, boolean joins) {
        DesktopWindow window = open(stage, settings, joins);
        window.startWith(unlocked, starter);
        return window;
    }

    private static SettingsViewModel defaultSettings() {
        return new SettingsViewModel(io.skywire.app.settings.DesktopSettings.defaults(), null);
    }

    private void startWith(UserWallet unlocked, Function<UserWallet, Callable<EmbeddedNetwork>> starter) {
        if (closing) {
            // Closed while the wallet was being unlocked: close() waited for the unlock to end.
            if (unlocked != null) {
                unlocked.close();
            }
            finish();
            return;
        }
        unlocked(unlocked);
        start(starter.apply(unlocked));
    }

    private Stage unlockDialog(UnlockViewModel unlock) {
        FXMLLoader loader = Screen.UNLOCK.load();
        Parent root = loader.getRoot();
        ((UnlockController) loader.getController()).attach(unlock);
        Stage dialog = new Stage();
        dialog.initOwner(stage);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Unlock your wallet");
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Screen.MAIN.css().toExternalForm());
        dialog.setScene(scene);
        dialog.setOnCloseRequest(event -> {
            event.consume();
            unlock.skip();
        });
        return dialog;
    }

    private void unlocked(UserWallet unlockedWallet) {
        userWallet = unlockedWallet;
        if (unlockedWallet == null) {
            wallet.locked();
            return;
        }
        walletActions = new WalletActions(unlockedWallet, wallet, Platform::runLater);
        WalletActions actions = walletActions;
        main.wallet().with(screen -> screen.actions(actions));
        walletActions.refresh();
    }

    private static DesktopWindow open(Stage stage, SettingsViewModel settings, boolean joins) {
        FXMLLoader loader = Screen.MAIN.load();
        Parent root = loader.getRoot();
        DesktopWindow window = new DesktopWindow(stage, loader.getController());
        window.main.dashboard().attach(window.dashboard);
        window.main.gateways().with(screen -> screen.attach(window.gateways));
        window.settings = settings;
        window.joins = joins;
        window.main.settings().with(screen -> screen.attach(settings));
        window.main.routeMap().with(screen -> {
            screen.attach(window.routeMap);
            if (window.latestMap != null) {
                screen.accept(window.latestMap);
            }
        });
        window.main.wallet().with(screen -> screen.attach(window.wallet));
        window.main.chat().with(screen -> screen.attach(window.chat));
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Screen.MAIN.css().toExternalForm());
        stage.setTitle("Skywire");
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            event.consume();
            window.close();
        });
        stage.show();
        afterFrames(2, () -> {
            LOG.info("window shown");
            // The launch-time benchmark's "interactive": the FX thread answers within a pulse (see the probe).
            window.probe.start(InteractiveProbe::log);
        });
        return window;
    }

    private void start(Callable<EmbeddedNetwork> starter) {
        starting = true;
        main.working(joins ? "Joining the bootstrap nodes…" : "Starting the local test network…");
        background("skywire-gui-start", () -> {
            try {
                EmbeddedNetwork started = starter.call();
                Platform.runLater(() -> started(started));
            } catch (Exception e) {
                LOG.warn("{} did not start: {}", what(), e.toString());
                Platform.runLater(() -> failed(e));
            }
        });
    }

    private void started(EmbeddedNetwork started) {
        starting = false;
        if (shuttingDown) {
            started.close();
            return;
        }
        if (closing) {
            stopInBackground(started, null);
            return;
        }
        network = started;
        var proxy = started.proxy();
        dashboard.nodeStarted(started.client().nodeId().fingerprint(), proxy == null ? null : proxy.socksAddress(),
                proxy == null ? null : proxy.httpAddress());
        if (proxy != null) {
            // One serialising controller for both screens' tunnel actions: the last one the user gives wins.
            TunnelActions tunnelActions = new TunnelActions(GatewayControl.of(proxy), Platform::runLater);
            gateways.proxyStarted(tunnelActions, proxy.socksAddress(), proxy.httpAddress());
            dashboard.tunnelControl(tunnelActions, Platform::runLater);
        }
        vpn = vpnControls.apply(started);
        gateways.vpn().attach(vpn);
        main.status(started.summary());
        // The launch-time benchmark waits for this line: a frame with the node count has been rendered.
        afterFrames(2, () -> LOG.info("window ready: {}", started.summary()));
        if (walletActions != null) {
            WalletActions actions = walletActions;
            actions.refresh();
            started.onSettlement(round -> actions.refreshQuietly());
        }
        if (started.paid()) {
            started.onSettlement(round -> {
                String relay = round.relay().node().fingerprint();
                long earned = round.earned().value();
                int payouts = round.payouts().size();
                Platform.runLater(() -> dashboard.relaySettled(relay, earned, payouts));
            });
        } else if (!started.joinedPeers()) {
            dashboard.freeNetwork();
        }
        if (started.chat() != null) {
            chat.connect(started.chat(), started.chatTestPeer());
        } else {
            chat.off(started.chatOffReason());
        }
        monitor = NodeMonitor.start(started::sample, sample -> Platform.runLater(() -> show(sample)), 1000,
                () -> networkStopping);
        // The route map's own reading (records, routes, route table): built into a RouteMap off the FX thread.
        routeMapMonitor = NodeMonitor.start(() -> RouteMap.of(started.routeMapReading()),
                map -> Platform.runLater(() -> {
                    if (!closing) {
                        latestMap = map;
                        main.routeMap().ifLoaded(screen -> screen.accept(map));
                    }
                }), 1000, () -> networkStopping);
    }

    private void failed(Exception e) {
        starting = false;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        dashboard.nodeStopped(message);
        main.status((joins ? "Could not join the network: " : "The local test network did not start: ") + message);
        if (closing) {
            closeWallet();
            finish();
        }
    }

    private void show(NodeSample sample) {
        if (!closing) {
            dashboard.accept(sample);
            gateways.accept(sample);
        }
    }

    /** Tests: the VPN switch's control for the network once it is up (instead of the real one). */
    void useVpnControls(Function<EmbeddedNetwork, VpnControl> controls) {
        vpnControls = controls;
    }

    /** Stops the monitor and the network in the background, then hides the window; returns {@link #stopped()}. */
    public CompletableFuture<Void> close() {
        if (closing) {
            return stopped;
        }
        closing = true;
        gateways.proxyStopped();
        dashboard.tunnelControlStopped();
        main.working("Stopping " + what() + "…");
        if (walletActions != null) {
            walletActions.close();
        }
        if (unlockDialog != null) {
            unlockDialog.hide();
        }
        if (network != null) {
            stopInBackground(network, monitor);
        } else if (unlockInProgress()) {
            // scrypt and the wallet's database are busy on the unlock thread: once it ends, startWith (or the
            // failure's listener) closes what it opened and finishes.
            unlocking.errorProperty().addListener((property, was, error) -> finish());
        } else if (!starting) {
            closeWallet();
            finish();
        }
        return stopped;
    }

    private void stopInBackground(EmbeddedNetwork running, NodeMonitor reading) {
        VpnControl openVpn = vpn;
        background("skywire-gui-stop", () -> {
            try {
                stopInOrder(reading, routeMapMonitor, openVpn, running);
            } finally {
                Platform.runLater(this::finish);
            }
        });
    }

    /**
     * For the JVM's shutdown hook (SIGTERM, Ctrl-C), which skips {@link #close}: stops what the window runs on the
     * calling thread, without the FX thread (it may be gone by then), in the order {@link #close} uses — the readers
     * (monitors, chat), the VPN, then the network, the wallet last — so nothing reads a network that has stopped.
     * Safe from any thread and after {@link #close}: each part closes once.
     */
    public void stopForShutdown() {
        shuttingDown = true;
        chatWork.shutdownNow();
        stopInOrder(monitor, routeMapMonitor, vpn, network);
    }

    /** Readers first, then the VPN, then the network; the wallet closes last, whatever failed before it. */
    private void stopInOrder(NodeMonitor reading, NodeMonitor mapReading, VpnControl openVpn, EmbeddedNetwork running) {
        networkStopping = true;
        try {
            if (reading != null) {
                reading.close();
            }
            if (mapReading != null) {
                mapReading.close();
            }
            if (openVpn != null) {
                openVpn.close();
            }
            if (running != null) {
                running.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("stopping {}: {}", what(), e.toString());
        } finally {
            closeWallet();
        }
    }

    /** The wallet closes last: the network's refund to it happens while the network stops. */
    private void closeWallet() {
        UserWallet open = userWallet;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the wallet: {}", e.toString());
            }
        }
    }

    /** Whether an attempt to unlock the wallet is running on the unlock thread. */
    private boolean unlockInProgress() {
        return unlocking != null && unlocking.busyProperty().get() && !unlocking.result().isDone();
    }

    private void finish() {
        if (stopped.isDone()) {
            return;
        }
        probe.stop();
        main.dashboard().detach();
        main.gateways().ifLoaded(GatewaysController::detach);
        main.settings().ifLoaded(SettingsController::detach);
        main.routeMap().ifLoaded(RouteMapController::detach);
        main.wallet().ifLoaded(WalletController::detach);
        main.chat().ifLoaded(ChatController::detach);
        chatWork.shutdownNow();
        dashboard.nodeStopped("window closed");
        stage.hide();
        stopped.complete(null);
    }

    private String what() {
        return joins ? "the node" : "the local test network";
    }

    /** Runs {@code then} on the FX thread once {@code frames} more pulses have begun (so the previous one rendered). */
    private static void afterFrames(int frames, Runnable then) {
        new javafx.animation.AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= frames) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    private static void background(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes once the network has stopped and the window is hidden; safe from any thread. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    public DashboardViewModel dashboard() {
        return dashboard;
    }

    public GatewaysViewModel gateways() {
        return gateways;
    }

    /** The settings screen's form. */
    public SettingsViewModel settings() {
        return settings;
    }

    public WalletViewModel wallet() {
        return wallet;
    }

    /** The chat pane's view model. */
    public ChatViewModel chat() {
        return chat;
    }

    /** Why the password given to {@link #show(Stage, WalletFiles, char[], Function, SettingsViewModel, boolean)}
     * did not unlock the wallet (the window then closed), or null. */
    public String unlockError() {
        return unlockError;
    }

    /**
     * The unlock dialog once it is up (it opens after the window's first frame), or null before that and when the
     * data directory held no wallet or the password came from a file.
     */
    public Stage unlockDialog() {
        return unlockDialog;
    }

    /** The running network, or null while starting or after a failed start. */
    public EmbeddedNetwork network() {
        return network;
    }

    /** The route map's model (what its canvas paints). */
    public RouteMapModel routeMap() {
        return routeMap;
    }

    /** The route map's canvas. */
    RouteMapCanvas routeMapCanvas() {
        return main.routeMap().controller().canvas();
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Selects the tab of {@code screen} (for screenshots and keyboard shortcuts), loading its screen if this is the
     * first time, and lays the window out at once, so the screen's controls (a table's headers, a scroll pane's
     * content: their skins') exist when this returns rather than at the next pulse.
     */
    public void select(Screen screen) {
        selectTab(screen);
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
    }

    private void selectTab(Screen screen) {
        if (screen == Screen.ROUTE_MAP) {
            main.tabs().getSelectionModel().select(main.routeMapTab());
            return;
        }
        if (screen == Screen.CHAT) {
            main.tabs().getTabs().stream().filter(tab -> "chatTab".equals(tab.getId())).findFirst()
                    .ifPresent(tab -> main.tabs().getSelectionModel().select(tab));
            return;
        }
        if (screen == Screen.WALLET) {
            main.tabs().getTabs().stream().filter(tab -> "walletTab".equals(tab.getId())).findFirst()
                    .ifPresent(tab -> main.tabs().getSelectionModel().select(tab));
            return;
        }
        int index = screen == Screen.GATEWAYS ? 1 : 0;
        if (screen == Screen.SETTINGS) {
            index = main.tabs().getTabs().indexOf(main.settingsTab());
        }
        main.tabs().getSelectionModel().select(index);
    }
}
