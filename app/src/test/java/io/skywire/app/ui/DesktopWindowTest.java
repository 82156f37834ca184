package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.gateway.TunnelState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window over a real, free local test network (8 nodes, 3 gateways, proxies on free ports), headless under
 * Monocle: the dashboard shows the tunnel's real state, the gateway table sorts and filters the client's real
 * gateways, each screen is written as a PNG to target/screenshots/, and closing the window stops the network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DesktopWindowTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final FxRobot ROBOT = new FxRobot();
    private static DesktopWindow window;
    /** The VPN switch's control: unprivileged, so no test brings a VPN up in the test machine's own namespace. */
    private static final FakeVpnControl VPN = FakeVpnControl.unprivileged();

    @BeforeAll
    static void openOnALocalTestNetwork() throws Exception {
        window = FxTesting.openOnLocalNetwork(shown -> shown.useVpnControls(network -> VPN));
        FxTesting.until(45, () -> window.network() != null
                && window.dashboard().tunnelStateProperty().get() != TunnelState.CONNECTING);
    }

    @Test
    @Order(1)
    void dashboardShowsTheTunnelsRealStateAndTheProxyAddresses() throws InterruptedException {
        var proxy = window.network().network().proxy();
        FxTesting.eventually(20, () -> {
            TunnelState state = proxy.status().state();
            assertThat(text("#tunnelState")).isEqualTo(DashboardViewModel.label(state));
            assertThat(text("#tunnelReason")).isEqualTo(proxy.status().reason());
        });
        assertThat(text("#tunnelState")).isIn("connected", "degraded");
        assertThat(text("#tunnelGateway")).contains(proxy.status().gateway().gateway().fingerprint());
        assertThat(text("#socksAddress")).isEqualTo("127.0.0.1:" + proxy.socksAddress().getPort());
        assertThat(text("#httpAddress")).isEqualTo("127.0.0.1:" + proxy.httpAddress().getPort());
        assertThat(text("#nodeStatus")).isEqualTo("running as "
                + window.network().network().client().nodeId().fingerprint());
        var client = window.network().network().client();
        FxTesting.eventually(10, () -> assertThat(text("#linksRoutes")).isEqualTo(
                client.discovery().knownPeers().size() + " known nodes, " + client.counters().links() + " links, "
                        + client.counters().routes() + " routes"));
        assertThat(text("#linksRoutes")).doesNotStartWith("0 known");
        assertThat(text("#earnings")).isEqualTo("none: a free network charges nothing");
        StatusBar statusBar = ROBOT.lookup(".status-bar").queryAs(StatusBar.class);
        assertThat(statusBar.getText()).isEqualTo("Local test network: 8 nodes, 3 gateways (free)");
        FxTesting.until(10, () -> window.dashboard().bandwidth().size() >= 2);
        assertThat(window.dashboard().bandwidth()).anySatisfy(point -> assertThat(point.received()).isPositive());
        assertThat(text("#nodeEarnings")).as("the client forwards for no one on the local test network")
                .isEqualTo("0.000000 SKY today, 0.000000 SKY in total; forwarded 0 B for others");
    }

    @Test
    @Order(2)
    void gatewayTableSortsAndFiltersTheClientsGateways() {
        FxTesting.select(window, Screen.GATEWAYS);
        TableView<GatewayRow> table = ROBOT.lookup("#table").queryTableView();
        FxTesting.until(10, () -> table.getItems().size() == 3);
        assertThat(table.getItems()).filteredOn(GatewayRow::inUse).hasSize(1);

        ROBOT.clickOn("Price");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(prices(table)).containsExactly(500_000L, 750_000L, 1_000_000L);
        ROBOT.clickOn("Price");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(prices(table)).containsExactly(1_000_000L, 750_000L, 500_000L);

        ROBOT.clickOn("#filter").write("us-");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).extracting(GatewayRow::region).containsExactly("us-east");
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> window.gateways().filterTextProperty().set(""));
        assertThat(table.getItems()).hasSize(3);

        ROBOT.clickOn("#maxCost").write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#maxCostError")).contains("not a price");
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> ROBOT.lookup("#maxCost")
                .queryAs(javafx.scene.control.TextField.class).setText(""));
        assertThat(text("#maxCostError")).isEmpty();
    }

    @Test
    @Order(3)
    void connectOnAnotherGatewayMovesTheTunnelAndDisconnectTurnsItOff() throws Exception {
        FxTesting.select(window, Screen.GATEWAYS);
        TableView<GatewayRow> table = ROBOT.lookup("#table").queryTableView();
        FxTesting.until(20, () -> table.getItems().stream().anyMatch(GatewayRow::inUse));
        TableRow<GatewayRow> other = ROBOT.from(table).lookup(".table-row-cell").<TableRow<GatewayRow>>match(node -> {
            TableRow<GatewayRow> cell = (TableRow<GatewayRow>) node;
            GatewayRow row = cell.getItem();
            return node.isVisible() && !cell.isEmpty() && row != null && !row.inUse();
        }).query();
        GatewayRow target = other.getItem();
        // The table refreshes every second and reuses its row cells: click the target's current row until the
        // selection shows (a click that lands during a refresh on a loaded machine can miss).
        FxTesting.eventually(20, () -> {
            ROBOT.clickOn(ROBOT.from(table).lookup(".table-row-cell").<TableRow<GatewayRow>>match(node -> {
                GatewayRow row = ((TableRow<GatewayRow>) node).getItem();
                return node.isVisible() && row != null && row.gateway().equals(target.gateway());
            }).<javafx.scene.Node>query());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text("#selectedCost")).startsWith(target.gateway() + " in " + target.region()
                    + ": expected cost " + Money.perGb(target.expectedCostPerGbDroplets()));
        });

        ROBOT.clickOn("#speedTestButton");
        FxTesting.eventually(30, () -> assertThat(text("#message"))
                .startsWith("Speed test of gateway " + target.gateway() + ": latency "));
        assertThat(table.getItems()).filteredOn(row -> row.id().equals(target.id()))
                .singleElement().satisfies(row -> assertThat(row.throughputBytesPerSecond()).isPositive());

        ROBOT.clickOn("#connectButton");
        FxTesting.eventually(30, () -> {
            assertThat(text("#tunnelState")).isEqualTo("connected");
            assertThat(text("#tunnelGateway")).contains(target.gateway());
            assertThat(text("#gatewayTunnel")).isEqualTo("connected to " + target.gateway() + " in "
                    + target.region() + " (chosen by you)");
        });
        assertThat(window.network().network().proxy().status().gateway().gateway()).isEqualTo(target.id());
        assertThat(table.getItems()).filteredOn(GatewayRow::inUse).extracting(GatewayRow::id)
                .containsExactly(target.id());

        ROBOT.clickOn("#disconnectButton");
        FxTesting.eventually(20, () -> {
            assertThat(text("#tunnelState")).isEqualTo("disconnected");
            assertThat(text("#tunnelReason")).contains("the kill switch refuses every proxied connection");
            assertThat(text("#gatewayTunnel")).startsWith("Off: ");
        });
        assertThat(ROBOT.lookup("#disconnectButton").queryButton().isDisabled()).isTrue();
        FxTesting.screenshot(window, Screen.GATEWAYS, SCREENSHOTS.resolve("gateways-off.png"));

        ROBOT.clickOn("#autoButton");
        FxTesting.eventually(30, () -> {
            assertThat(text("#tunnelState")).isIn("connected", "degraded");
            assertThat(text("#gatewayTunnel")).endsWith("(auto: the client chooses the best value)");
        });
        assertThat(window.network().network().proxy().chosenGateway()).isNull();
    }

    @Test
    @Order(4)
    void writesAScreenshotOfEachScreen() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (Screen screen : List.of(Screen.DASHBOARD, Screen.GATEWAYS)) {
            Path file = SCREENSHOTS.resolve(screen.name().toLowerCase(java.util.Locale.ROOT) + ".png");
            WritableImage image = FxTesting.screenshot(window, screen, file);
            BufferedImage written = ImageIO.read(file.toFile());
            assertThat(written.getWidth()).isEqualTo((int) image.getWidth()).isGreaterThan(600);
            assertThat(written.getHeight()).isEqualTo((int) image.getHeight()).isGreaterThan(400);
        }
    }

    @Test
    @Order(5)
    void theDarkSwitchChangesTheThemeOfTheWholeWindow() throws Exception {
        ROBOT.clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet())
                .isEqualTo(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
        FxTesting.screenshot(window, Screen.DASHBOARD, SCREENSHOTS.resolve("dashboard-dark.png"));
        ROBOT.clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet())
                .isEqualTo(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    }

    @Test
    @Order(6)
    void theDashboardsTunnelSwitchTurnsTheTunnelOffAndOnAgain() throws Exception {
        FxTesting.select(window, Screen.DASHBOARD);
        var toggle = ROBOT.lookup("#tunnelSwitch").queryAs(atlantafx.base.controls.ToggleSwitch.class);
        FxTesting.eventually(30, () -> {
            assertThat(text("#tunnelState")).isIn("connected", "degraded");
            assertThat(toggle.isSelected()).isTrue();
        });

        ROBOT.clickOn(ROBOT.from(toggle).lookup(".thumb-area").queryAs(javafx.scene.Node.class));
        FxTesting.eventually(20, () -> {
            assertThat(text("#tunnelState")).isEqualTo("disconnected");
            assertThat(text("#tunnelReason")).contains("the kill switch refuses every proxied connection");
            assertThat(toggle.isSelected()).isFalse();
            assertThat(toggle.isDisabled()).isFalse();
        });
        assertThat(window.network().network().proxy().status().state()).isEqualTo(TunnelState.DISCONNECTED);

        ROBOT.clickOn(ROBOT.from(toggle).lookup(".thumb-area").queryAs(javafx.scene.Node.class));
        FxTesting.eventually(30, () -> {
            assertThat(text("#tunnelState")).isIn("connected", "degraded");
            assertThat(toggle.isSelected()).isTrue();
        });
        assertThat(window.network().network().proxy().status().state()).isIn(TunnelState.CONNECTED,
                TunnelState.DEGRADED);
        assertThat(text("#tunnelError")).isEmpty();
    }

    @Test
    @Order(7)
    void withoutPrivilegeTheVpnSwitchStaysOffAndTheScreenExplainsWhy() throws Exception {
        FxTesting.select(window, Screen.GATEWAYS);
        Label explanation = ROBOT.lookup("#vpnExplanation").queryAs(Label.class);
        assertThat(explanation.isVisible()).isTrue();
        assertThat(explanation.getText()).contains("needs root or CAP_NET_ADMIN").contains("sudo setcap cap_net_admin+ep ")
                .contains("sudo skywire vpn up").contains("SOCKS5 and HTTP proxy addresses below work without it");
        assertThat(text("#vpnStatus")).isEqualTo("VPN unavailable: the app runs without root or CAP_NET_ADMIN");
        atlantafx.base.controls.ToggleSwitch vpnSwitch = ROBOT.lookup("#vpnSwitch")
                .queryAs(atlantafx.base.controls.ToggleSwitch.class);
        assertThat(vpnSwitch.getText()).isEqualTo("VPN (all traffic)");
        assertThat(vpnSwitch.isDisabled()).isTrue();
        ROBOT.clickOn(vpnSwitch);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vpnSwitch.isSelected()).isFalse();
        assertThat(VPN.calls).as("nothing asked of a VPN that cannot come up").isEmpty();
        FxTesting.screenshot(window, Screen.GATEWAYS, SCREENSHOTS.resolve("gateways-vpn-unprivileged.png"));
    }

    @Test
    @Order(8)
    void aConnectOnTheTableThenTheSwitchOffEndOffOnBothScreensAsOnTheProxy() throws Exception {
        FxTesting.select(window, Screen.GATEWAYS);
        FxTesting.until(20, () -> !window.gateways().busyProperty().get()
                && window.gateways().rows().stream().anyMatch(row -> !row.inUse()));
        // Back to back on the FX thread, as two clicks: Connect on another gateway, then the dashboard's switch off.
        boolean busyBetween = WaitForAsyncUtils.asyncFx(() -> {
            GatewayRow other = window.gateways().rows().stream().filter(row -> !row.inUse()).findFirst().orElseThrow();
            window.gateways().select(other);
            window.gateways().connectSelected();
            window.dashboard().tunnelOnProperty().set(false);
            return window.gateways().busyProperty().get() && window.dashboard().tunnelBusyProperty().get()
                    && ROBOT.lookup("#connectButton").queryButton().isDisabled();
        }).get(5, TimeUnit.SECONDS);
        assertThat(busyBetween).as("both screens' tunnel controls wait while the actions run").isTrue();

        FxTesting.eventually(30, () -> {
            assertThat(window.network().network().proxy().status().state()).isEqualTo(TunnelState.DISCONNECTED);
            assertThat(window.gateways().busyProperty().get()).isFalse();
            assertThat(window.dashboard().tunnelBusyProperty().get()).isFalse();
            assertThat(window.gateways().tunnelStateProperty().get()).isEqualTo(TunnelState.DISCONNECTED);
            assertThat(window.dashboard().tunnelStateProperty().get()).isEqualTo(TunnelState.DISCONNECTED);
            assertThat(text("#gatewayTunnel")).startsWith("Off: ");
        });
        FxTesting.select(window, Screen.DASHBOARD);
        var toggle = ROBOT.lookup("#tunnelSwitch").queryAs(atlantafx.base.controls.ToggleSwitch.class);
        assertThat(text("#tunnelState")).isEqualTo("disconnected");
        assertThat(toggle.isSelected()).isFalse();
        assertThat(toggle.isDisabled()).isFalse();
    }

    @AfterAll
    static void closingTheWindowStopsTheNetwork() throws Exception {
        FxTesting.close(window);
        assertThat(VPN.calls).as("closing the window takes the VPN down").containsExactly("close");
        assertThat(window.stage().isShowing()).isFalse();
        assertThat(window.dashboard().nodeStatusProperty().get()).isEqualTo("stopped: window closed");
        FxTesting.nothingLeftRunning();
    }

    private static List<Long> prices(TableView<GatewayRow> table) {
        return table.getItems().stream().map(GatewayRow::pricePerGbDroplets).toList();
    }

    private static String text(String query) {
        return ROBOT.lookup(query).queryAs(Label.class).getText();
    }
}
