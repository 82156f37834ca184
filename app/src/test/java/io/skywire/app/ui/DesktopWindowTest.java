package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.gateway.TunnelState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
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
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window over a real, free local test network (8 nodes, 3 gateways, proxies on free ports), headless under
 * Monocle: the dashboard shows the tunnel's real state, the gateway table sorts and filters the client's real
 * gateways, each screen is written as a PNG to target/screenshots/, and closing the window stops the network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DesktopWindowTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final FxRobot ROBOT = new FxRobot();
    private static DesktopWindow window;

    @BeforeAll
    static void openOnALocalTestNetwork() throws Exception {
        FxToolkit.registerPrimaryStage();
        window = WaitForAsyncUtils.asyncFx(() -> {
            Themes.apply(false);
            return DesktopWindow.show(new Stage(), () -> EmbeddedNetwork.startLocal(8, 3,
                    ProxySettings.loopback(0, 0), null));
        }).get(10, TimeUnit.SECONDS);
        until(45, () -> window.network() != null
                && window.dashboard().tunnelStateProperty().get() != TunnelState.CONNECTING);
    }

    @Test
    @Order(1)
    void dashboardShowsTheTunnelsRealStateAndTheProxyAddresses() throws InterruptedException {
        var proxy = window.network().network().proxy();
        eventually(20, () -> {
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
        assertThat(text("#earnings")).isEqualTo("none: a free network charges nothing");
        StatusBar statusBar = ROBOT.lookup(".status-bar").queryAs(StatusBar.class);
        assertThat(statusBar.getText()).isEqualTo("Local test network: 8 nodes, 3 gateways (free)");
        until(10, () -> window.dashboard().bandwidth().size() >= 2);
        assertThat(window.dashboard().bandwidth()).anySatisfy(point -> assertThat(point.received()).isPositive());
    }

    @Test
    @Order(2)
    void gatewayTableSortsAndFiltersTheClientsGateways() {
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> window.select(Screen.GATEWAYS));
        TableView<GatewayRow> table = ROBOT.lookup("#table").queryTableView();
        until(10, () -> table.getItems().size() == 3);
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
    void writesAScreenshotOfEachScreen() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (Screen screen : List.of(Screen.DASHBOARD, Screen.GATEWAYS)) {
            Path file = SCREENSHOTS.resolve(screen.name().toLowerCase(java.util.Locale.ROOT) + ".png");
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
                window.select(screen);
                window.stage().getScene().getRoot().applyCss();
                window.stage().getScene().getRoot().layout();
                return window.stage().getScene().snapshot(null);
            }).get(10, TimeUnit.SECONDS);
            ImageIO.write(toBuffered(image), "png", file.toFile());
            BufferedImage written = ImageIO.read(file.toFile());
            assertThat(written.getWidth()).isEqualTo((int) image.getWidth()).isGreaterThan(600);
            assertThat(written.getHeight()).isEqualTo((int) image.getHeight()).isGreaterThan(400);
        }
    }

    @AfterAll
    static void closingTheWindowStopsTheNetwork() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        assertThat(window.stage().isShowing()).isFalse();
        assertThat(window.dashboard().nodeStatusProperty().get()).isEqualTo("stopped: window closed");
        eventually(10, () -> assertThat(skywireThreads()).isEmpty());
    }

    /** Polls {@code condition} every 100 ms for up to {@code seconds}. */
    private static void until(int seconds, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not true within " + seconds + " s", e);
        }
    }

    /** Retries {@code assertion} until it passes or {@code seconds} have gone, then throws its last failure. */
    private static void eventually(int seconds, Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Set<String> skywireThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("skywire-")).collect(Collectors.toSet());
    }

    /** Copies the snapshot's pixels (javafx-swing's SwingFXUtils would be one more library for this loop). */
    private static BufferedImage toBuffered(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        return out;
    }

    private static List<Long> prices(TableView<GatewayRow> table) {
        return table.getItems().stream().map(GatewayRow::pricePerGbDroplets).toList();
    }

    private static String text(String query) {
        return ROBOT.lookup(query).queryAs(Label.class).getText();
    }
}
