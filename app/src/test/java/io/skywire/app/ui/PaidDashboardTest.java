package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.testnet.PaymentSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;

/**
 * The dashboard over the paid test network (escrow, relays charging 100 SKY/GB and settling every second): after 4 MB
 * go through the SOCKS5 proxy, the relays' earnings appear as the escrow settles them, never more than the relays
 * have really earned.
 */
class PaidDashboardTest {

    static final int BYTES = 4_000_000;
    private static final Pattern EARNED =
            Pattern.compile("Relays \\(not this node\\) earned (\\d+)\\.(\\d{6}) SKY from this client.*");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void earningsComeFromTheRelaysSettlementRounds() throws Exception {
        PaymentSettings payments = PaymentSettings.DEFAULT.withSettlePeriod(Duration.ofSeconds(1))
                .withRelayPrice(100_000_000L);
        DesktopWindow window = FxTesting.open(30, () -> DesktopWindow.show(new Stage(),
                FxTesting.localNetwork(payments)));
        try (ServerSocket origin = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FxTesting.until(40, () -> window.network() != null);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serve(origin));
            assertThat(download(window.network().network().proxy().socksAddress(), origin.getLocalPort()))
                    .isEqualTo(BYTES);
            served.get(5, TimeUnit.SECONDS);
            FxTesting.until(15, () -> EARNED.matcher(earningsText()).matches() && shownDroplets() > 0);
            assertThat(shownDroplets()).isLessThanOrEqualTo(window.network().relaysEarnedDroplets());
            assertThat(window.network().summary()).isEqualTo("Local test network: 8 nodes, 3 gateways");
            assertThat(window.network().routeOpener()).as("the VPN switch pays as the proxy does")
                    .isInstanceOf(io.skywire.app.testnet.PayingClient.class);
            assertThat(new FxRobot().lookup("#nodeEarnings").queryAs(Label.class).getText())
                    .as("the client relays for no one, so it has earned nothing").startsWith("0.000000 SKY today, "
                            + "0.000000 SKY in total; forwarded 0 B for others");
            FxTesting.screenshot(window, Screen.DASHBOARD, DesktopWindowTest.SCREENSHOTS.resolve("dashboard-paid.png"));
        } finally {
            FxTesting.close(window);
        }
        FxTesting.nothingLeftRunning();
    }

    static void serve(ServerSocket origin) {
        try (Socket socket = origin.accept(); OutputStream out = socket.getOutputStream()) {
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < BYTES; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, BYTES - sent));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads through the SOCKS5 proxy from the origin on loopback until it closes. */
    static long download(InetSocketAddress socks, int port) throws IOException {
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks))) {
            socket.setSoTimeout(20_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
            return total;
        }
    }

    private static String earningsText() {
        return new FxRobot().lookup("#earnings").queryAs(Label.class).getText();
    }

    private static long shownDroplets() {
        Matcher matcher = EARNED.matcher(earningsText());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) * 1_000_000 + Long.parseLong(matcher.group(2)) : -1;
    }
}
