package io.skywire.app.cli;

import io.skywire.app.testnet.PaymentSettings;
import io.skywire.app.ui.DesktopWindow;
import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletFiles;
import io.skywire.app.ui.EmbeddedNetwork;
import io.skywire.app.ui.Themes;
import io.skywire.node.gateway.ProxySettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code skywire gui}: the desktop window over the local test network, run in this process. It starts the JavaFX
 * toolkit itself ({@link Platform#startup}) rather than through an {@code Application} subclass, so the program's
 * main class stays a plain launcher (jpackage needs that).
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop window, running the local test network in this process.",
            "Until the app can join configured peers it always starts the local test network (as `skywire testnet`",
            "does: paid unless --free) and says so in the status bar. Closing the window stops the network."})
final class GuiCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TestNetworkOptions size;

    @Option(names = "--free", description = "No payments: no escrow, relays forward for nothing.")
    private boolean free;

    @Option(names = "--dark", description = "Start with the dark theme.")
    private boolean dark;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${user.home}/.skywire",
            description = "Directory of the wallet (as for `skywire wallet`); with one there, the window asks for "
                    + "its password and the client pays from it (default: ${DEFAULT-VALUE}).")
    private java.nio.file.Path dataDir;

    @Override
    public Integer call() throws Exception {
        size.validate(spec.commandLine());
        ProxySettings proxy = size.proxySettings();
        PaymentSettings payments = free ? null : PaymentSettings.DEFAULT;
        // Ctrl-C or SIGTERM skips the window's close: the hook stops the network and removes its files instead.
        AtomicReference<EmbeddedNetwork> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            EmbeddedNetwork network = running.get();
            if (network != null) {
                network.close();
            }
        }, "skywire-gui-shutdown"));
        java.util.function.Function<UserWallet, Callable<EmbeddedNetwork>> starter = wallet -> () -> {
            EmbeddedNetwork network = EmbeddedNetwork.startLocal(size.nodes, size.gateways, proxy, payments, wallet);
            running.set(network);
            return network;
        };
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> {
                try {
                    Themes.apply(dark);
                    DesktopWindow.show(new Stage(), new WalletFiles(dataDir), starter).stopped().whenComplete((ok, e) -> closed.complete(null));
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
            throw new CommandFailedException("the window failed: " + e.getCause().getMessage());
        } finally {
            Platform.exit();
        }
        return 0;
    }
}
