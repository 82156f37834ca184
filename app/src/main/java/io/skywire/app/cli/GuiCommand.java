package io.skywire.app.cli;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.app.ui.DesktopWindow;
import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletFiles;
import io.skywire.app.ui.EmbeddedNetwork;
import io.skywire.app.ui.FirstRunWizard;
import io.skywire.app.ui.SettingsViewModel;
import io.skywire.app.ui.Themes;
import io.skywire.app.ui.WizardViewModel;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.wallet.seed.ScryptParameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code skywire gui} (and {@code skywire} with no arguments): the desktop window, with the network in this process.
 * On the first run (no {@code wallet.seed} in the data directory) the wizard comes first. With bootstrap nodes in
 * {@code desktop.conf} the app's own node joins them; without, the local test network runs. It starts the JavaFX
 * toolkit itself ({@link Platform#startup}) rather than through an {@code Application} subclass, so the program's main
 * class stays a plain launcher (jpackage needs that).
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop window (what `skywire` with no arguments does).",
            "On the first run a wizard creates or restores the wallet and asks what to share. With bootstrap nodes in",
            "DATA_DIR/desktop.conf (the Settings screen) the app's node joins them; without, it starts the local test",
            "network (as `skywire testnet` does: paid unless --free) and says so in the status bar. Closing the window",
            "stops the network."})
final class GuiCommand implements Callable<Integer> {

    /** How long the app's node waits for its bootstrap nodes to answer, then as long again for a gateway. */
    static final Duration JOIN_WAIT = Duration.ofSeconds(20);

    @Spec
    private CommandSpec spec;

    @Mixin
    private TestNetworkOptions size;

    @Option(names = "--free", description = "No payments: no escrow, relays forward for nothing.")
    private boolean free;

    @Option(names = "--dark", description = "Start with the dark theme.")
    private boolean dark;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${user.home}/.skywire",
            description = "Directory of the wallet and desktop.conf, as for `skywire wallet`; with a wallet there, "
                    + "the window asks for its password and the client pays from it (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    /** Tests lower the wizard's scrypt cost; a person never needs to. */
    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Unlock the wallet with the first line of FILE instead of asking (kiosks, benchmarks).")
    private java.nio.file.Path passwordFile;

    @Option(names = "--scrypt-log2n", hidden = true, defaultValue = "16")
    private int scryptLog2N;

    @Override
    public Integer call() throws Exception {
        String noDisplay = Displays.missing(System.getenv(), System.getProperty("os.name"),
                System.getProperty("glass.platform"));
        if (noDisplay != null) {
            throw new CommandFailedException(noDisplay);
        }
        size.validate(spec.commandLine());
        boolean firstRun = !new WalletFiles(dataDir).hasWallet();
        if (!firstRun) {
            settings(); // a broken desktop.conf is one line on stderr before any window opens
        }
        // Only read here (a missing file is one line on stderr); the unlock itself (scrypt, the wallet's database)
        // runs behind the window, which shows first.
        char[] password = firstRun || passwordFile == null ? null
                : WalletOptions.firstLine(spec, passwordFile, "password");
        // Ctrl-C or SIGTERM skips the window's close: the hook stops what the window runs in the close's order (its
        // readers before the network they read), then the network, and the network removes its files.
        AtomicReference<EmbeddedNetwork> running = new AtomicReference<>();
        AtomicReference<DesktopWindow> shown = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopForShutdown(shown.get(), running.get()),
                "skywire-gui-shutdown"));
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> {
                try {
                    Themes.apply(dark);
                    if (firstRun) {
                        WizardViewModel wizard = FirstRunWizard.show(new Stage(), dataDir,
                                new ScryptParameters(scryptLog2N, 8, 1));
                        wizard.finished().thenAccept(created -> Platform.runLater(() -> {
                            if (created) {
                                openWindow(running, shown, closed, wizard.takeWallet(), null);
                            } else {
                                closed.completeExceptionally(new CommandFailedException(
                                        "the first-run wizard was cancelled; nothing was written"));
                            }
                        }));
                    } else {
                        openWindow(running, shown, closed, null, password);
                    }
                } catch (RuntimeException e) {
                    closed.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            throw new CommandFailedException("cannot open a window (is there a display?): " + e.getMessage());
        }
        try {
            closed.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof CommandFailedException failed ? failed
                    : new CommandFailedException("the window failed: " + e.getCause().getMessage());
        } finally {
            Platform.exit();
        }
        return 0;
    }

    /**
     * Opens the window over the network desktop.conf asks for: with {@code created} (the wizard's wallet, unlocked a
     * moment ago) no password is asked; with {@code password} (from {@code --password-file}) the wallet in the data
     * directory is unlocked with it behind the window, and a wrong one closes the window and fails the command;
     * without either, through the dialog.
     */
    private void openWindow(AtomicReference<EmbeddedNetwork> running, AtomicReference<DesktopWindow> shown,
                            CompletableFuture<Void> closed,
                            UserWallet created, char[] password) {
        try {
            DesktopSettings settings = settings();
            Function<UserWallet, Callable<EmbeddedNetwork>> starter = wallet -> () -> {
                EmbeddedNetwork network = settings.joinsPeers() ? EmbeddedNetwork.join(settings, dataDir, JOIN_WAIT)
                        : EmbeddedNetwork.startLocal(size.nodes, size.gateways, proxySettings(settings),
                                free ? null : PaymentSettings.DEFAULT, wallet);
                running.set(network);
                return network;
            };
            SettingsViewModel form = new SettingsViewModel(settings, DesktopSettingsFile.in(dataDir));
            boolean joins = settings.joinsPeers();
            DesktopWindow window;
            if (created != null) {
                window = DesktopWindow.show(new Stage(), created, starter, form, joins);
            } else if (password != null) {
                window = DesktopWindow.show(new Stage(), new WalletFiles(dataDir), password, starter, form, joins);
            } else {
                window = DesktopWindow.show(new Stage(), new WalletFiles(dataDir), starter, form, joins);
            }
            shown.set(window);
            window.stopped().whenComplete((ok, e) -> {
                if (window.unlockError() != null) {
                    closed.completeExceptionally(new CommandFailedException("the password in " + passwordFile
                            + " does not unlock the wallet in " + dataDir + ": " + window.unlockError()));
                } else {
                    closed.complete(null);
                }
            });
        } catch (RuntimeException e) {
            if (created != null) {
                created.close();
            }
            closed.completeExceptionally(e);
        }
    }

    /**
     * The shutdown hook's work: the window's readers, VPN and chat, then the network (a network still starting, which
     * the window has not got yet, is closed here too: closing twice is safe).
     */
    static void stopForShutdown(DesktopWindow window, EmbeddedNetwork network) {
        if (window != null) {
            window.stopForShutdown();
        }
        if (network != null) {
            network.close();
        }
    }

    private DesktopSettings settings() {
        Path file = DesktopSettingsFile.in(dataDir);
        try {
            return DesktopSettingsFile.read(file);
        } catch (NodeConfigException e) {
            throw new CommandFailedException(file + ": " + e.getMessage());
        }
    }

    /** The proxies of the local test network: the command line's ports where given, else the settings'. */
    private ProxySettings proxySettings(DesktopSettings settings) {
        var parsed = spec.commandLine().getParseResult();
        int socks = parsed.hasMatchedOption("--socks-port") ? size.socksPort : settings.socksPort();
        int http = parsed.hasMatchedOption("--http-port") ? size.httpPort : settings.httpPort();
        return ProxySettings.loopback(socks, http);
    }
}
