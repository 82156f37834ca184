package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletFiles;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window comes first and the slow start-up runs behind it (headless Monocle): the window is up, says what is
 * starting and answers clicks while the network (held back by a gate here) or the wallet's unlock is still under way,
 * then shows the real state; screens are loaded when their tab is first selected; and closing it during start-up
 * stops what had started, leaving no thread, port or temporary directory behind.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WindowStartupTest {

    private static final FxRobot ROBOT = new FxRobot();
    private static final String PASSWORD = "open sesame";

    @TempDir
    Path dataDir;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theWindowIsUpAndAnswersBeforeTheNetworkThenShowsItsRealState() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicReference<EmbeddedNetwork> started = new AtomicReference<>();
        DesktopWindow window = gatedWindow(gate, started);
        try {
            assertThat(window.stage().isShowing()).isTrue();
            assertThat(statusBar(window).getText()).isEqualTo("Starting the local test network…");
            assertThat(statusBar(window).getProgress()).as("indeterminate progress").isNegative();
            assertThat(window.dashboard().nodeStatusProperty().get()).isEqualTo("starting");
            assertThat(loaded(window)).as("only the first tab's screen before the first frame")
                    .containsExactly("dashboardTab");
            FxTesting.until(60, () -> started.get() != null);
            assertThat(window.network()).as("the network is held at the gate").isNull();

            // The tabs answer while the network is still starting: a click loads the gateway screen.
            ROBOT.clickOn("Gateways");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(loaded(window)).containsExactly("dashboardTab", "gatewaysTab");
            assertThat(ROBOT.lookup("#table").queryTableView().getItems()).as("no invented gateways").isEmpty();
            assertThat(statusBar(window).getText()).isEqualTo("Starting the local test network…");

            gate.countDown();
            FxTesting.until(30, () -> window.network() != null);
            FxTesting.eventually(10, () -> assertThat(statusText(window))
                    .isEqualTo("Local test network: 8 nodes, 3 gateways (free)"));
            FxTesting.until(30, () -> ROBOT.lookup("#table").queryTableView().getItems().size() == 3);
            assertThat(window.dashboard().nodeStatusProperty().get())
                    .isEqualTo("running as " + window.network().client().nodeId().fingerprint());
        } finally {
            gate.countDown();
            FxTesting.close(window);
        }
        FxTesting.nothingLeftRunning();
    }

    @Test
    void closingWhileTheNetworkStartsStopsItAndLeavesNothingBehind() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicReference<EmbeddedNetwork> started = new AtomicReference<>();
        DesktopWindow window = gatedWindow(gate, started);
        FxTesting.until(60, () -> started.get() != null);
        EmbeddedNetwork network = started.get();
        Path dataRoot = network.dataRoot();
        InetSocketAddress socks = network.proxy().socksAddress();
        assertThat(dataRoot).isDirectory();

        var stopped = WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS);
        assertThat(stopped).as("the window waits for the start to end before it is done").isNotDone();
        assertThat(window.stage().isShowing()).isTrue();
        assertThat(statusBar(window).getText()).isEqualTo("Stopping the local test network…");
        gate.countDown();
        stopped.get(30, TimeUnit.SECONDS);

        assertThat(window.stage().isShowing()).isFalse();
        assertThat(window.network()).as("a network that came up after the close is never shown").isNull();
        assertThat(dataRoot).doesNotExist();
        FxTesting.eventually(10, () -> assertThat(refused(socks)).as("the SOCKS port is closed").isTrue());
        FxTesting.nothingLeftRunning();
    }

    @Test
    void aPasswordUnlocksTheWalletBehindTheWindowThenTheNetworkStarts() throws Exception {
        WalletFiles files = wallet();
        CountDownLatch gate = new CountDownLatch(1);
        AtomicReference<UserWallet> given = new AtomicReference<>();
        DesktopWindow window = FxTesting.open(30, () -> {
            DesktopWindow shown = DesktopWindow.show(new Stage(), files, PASSWORD.toCharArray(), wallet -> () -> {
                given.set(wallet);
                gate.await();
                return EmbeddedNetwork.startLocal(8, 3, ProxySettings.loopback(0, 0), null, wallet);
            }, new SettingsViewModel(io.skywire.app.settings.DesktopSettings.defaults(), null), false);
            // Before any other FX work: shown, no dialog, and the status bar says what runs behind it.
            assertThat(shown.stage().isShowing()).isTrue();
            assertThat(shown.unlockDialog()).isNull();
            assertThat(statusBar(shown).getText()).isEqualTo("Unlocking the wallet…");
            assertThat(shown.wallet().statusProperty().get()).isEqualTo("Unlocking the wallet…");
            return shown;
        });
        try {
            FxTesting.until(30, () -> given.get() != null);
            assertThat(statusBar(window).getText()).isEqualTo("Starting the local test network…");
            assertThat(window.unlockError()).isNull();
            gate.countDown();
            FxTesting.until(60, () -> window.network() != null && window.wallet().availableProperty().get());
            FxTesting.eventually(10, () -> assertThat(statusText(window))
                    .startsWith("Local test network: 8 nodes, 3 gateways (free)"));
        } finally {
            gate.countDown();
            FxTesting.close(window);
        }
        FxTesting.nothingLeftRunning();
    }

    @Test
    void aWrongPasswordClosesTheWindowWithTheReasonAndStartsNothing() throws Exception {
        WalletFiles files = wallet();
        AtomicReference<Boolean> starterAsked = new AtomicReference<>(false);
        DesktopWindow window = FxTesting.open(30, () -> showUnlocking(files, "not it", starterAsked));
        window.stopped().get(30, TimeUnit.SECONDS);
        assertThat(window.unlockError()).isEqualTo("wrong password");
        assertThat(window.stage().isShowing()).isFalse();
        assertThat(starterAsked.get()).isFalse();
        FxTesting.nothingLeftRunning();
    }

    @Test
    void closingDuringTheUnlockWaitsForItClosesTheWalletAndStartsNothing() throws Exception {
        WalletFiles files = wallet();
        AtomicReference<Boolean> starterAsked = new AtomicReference<>(false);
        DesktopWindow window = FxTesting.open(30, () -> {
            DesktopWindow shown = showUnlocking(files, PASSWORD, starterAsked);
            shown.close(); // the unlock thread is at work now
            return shown;
        });
        window.stopped().get(30, TimeUnit.SECONDS);
        assertThat(window.stage().isShowing()).isFalse();
        assertThat(starterAsked.get()).isFalse();
        FxTesting.nothingLeftRunning();
        // The wallet was closed, not left open: it unlocks again and reads.
        try (UserWallet again = UserWallet.unlock(files, PASSWORD.toCharArray())) {
            assertThat(again.read()).isNotNull();
        }
    }

    /** The window over a free network whose start is held at {@code gate}, once its nodes are up ({@code started}). */
    private static DesktopWindow gatedWindow(CountDownLatch gate, AtomicReference<EmbeddedNetwork> started)
            throws Exception {
        return FxTesting.open(30, () -> DesktopWindow.show(new Stage(), () -> {
            EmbeddedNetwork network = FxTesting.localNetwork(null).call();
            started.set(network);
            gate.await();
            return network;
        }));
    }

    /** The window unlocking {@code files} with {@code password}, whose network must never be asked to start. FX thread. */
    private static DesktopWindow showUnlocking(WalletFiles files, String password, AtomicReference<Boolean> asked) {
        return DesktopWindow.show(new Stage(), files, password.toCharArray(), wallet -> () -> {
            asked.set(true);
            throw new IllegalStateException("must not start");
        }, new SettingsViewModel(io.skywire.app.settings.DesktopSettings.defaults(), null), false);
    }

    private WalletFiles wallet() throws Exception {
        WalletFiles files = new WalletFiles(dataDir);
        SeedStore.create(files.seedFile(), Mnemonic.generate(new SecureRandom()), PASSWORD.toCharArray(),
                new ScryptParameters(10, 8, 1), new SecureRandom());
        return files;
    }

    private static StatusBar statusBar(DesktopWindow window) {
        return (StatusBar) window.stage().getScene().lookup(".status-bar");
    }

    /** The status bar's text, read on the FX thread. */
    private static String statusText(DesktopWindow window) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> statusBar(window).getText()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The ids of the tabs whose screen has been loaded (a tab without content has not been). */
    private static java.util.List<String> loaded(DesktopWindow window) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            TabPane tabs = (TabPane) window.stage().getScene().lookup(".tab-pane");
            return tabs.getTabs().stream().filter(tab -> tab.getContent() != null).map(Tab::getId).toList();
        }).get(5, TimeUnit.SECONDS);
    }

    private static boolean refused(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
