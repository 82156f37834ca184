package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's tunnel as a route group on the real test network (loopback UDP): the client reaches its gateway over
 * two node-disjoint relay chains, a relay of one chain is stopped in the middle of a SOCKS5 download, and the
 * download still arrives intact while the tunnel reports DEGRADED ("1 of 2 routes lost"), never FAILED.
 */
@Timeout(180)
class ProxyGroupFailoverTest {

    private static final int SIZE = 6 << 20;
    /** Fast probes so that the status follows the loss promptly. */
    private static final HealthSettings FAST = new HealthSettings(200, 2_000, 10, 3_000, 60_000);

    @TempDir
    Path dir;

    @Test
    void aDownloadSurvivesTheLossOfOneRouteOfTheGroup() throws Exception {
        byte[] file = new byte[SIZE];
        new SplittableRandom(11).nextBytes(file);
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/file", exchange -> {
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file);
            }
        });
        origin.start();
        List<TunnelStatus> seen = new CopyOnWriteArrayList<>();
        try (LocalTestNetwork network = LocalTestNetwork.start(dir, 6, 1, ProxySettings.loopback(0, -1)
                .withHealth(FAST), 0, 3)) {
            network.proxy().onStatus(seen::add);
            GatewayCandidate gateway = network.gateways().get(0);
            assertThat(gateway.paths()).hasSize(2);
            assertThat(gateway.paths()).allSatisfy(path -> assertThat(path).hasSizeGreaterThanOrEqualTo(3));
            TunnelFailoverTest.awaitStatus(network, s -> s.state() == TunnelState.CONNECTED, seen);

            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (Socket socket = ProxyEndToEndTest.socks(network.proxy().socksAddress(),
                    ProxyEndToEndTest.connectRequest("localhost", origin.getAddress().getPort()))) {
                socket.setSoTimeout(30_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                in.readFully(new byte[2]);
                byte[] reply = new byte[10];
                in.readFully(reply);
                assertThat(reply[1]).as("SOCKS reply code").isZero();
                socket.getOutputStream().write("GET /file HTTP/1.0\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                skipHeaders(in);
                byte[] buffer = new byte[16 * 1024];
                boolean cut = false;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    received.update(buffer, 0, n);
                    total += n;
                    if (!cut && total >= SIZE / 6) {
                        // The stream's window keeps most of the file at the gateway's side: the loss is mid-transfer.
                        network.stopRelay(1, 0);
                        cut = true;
                    }
                }
                assertThat(cut).isTrue();
            }
            assertThat(total).isEqualTo(SIZE);
            assertThat(received.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(file));

            TunnelStatus degraded = TunnelFailoverTest.awaitStatus(network, s -> s.state() == TunnelState.DEGRADED
                    && s.reason().startsWith("1 of 2 routes lost"), seen);
            assertThat(degraded.gateway()).isEqualTo(gateway);
            assertThat(seen).noneMatch(s -> s.state() == TunnelState.FAILED);
            ExitCounters exit = network.exitCounters(0);
            assertThat(exit.get(ExitCounter.GROUPS)).isEqualTo(1);
            assertThat(exit.get(ExitCounter.MEMBERS_JOINED)).isEqualTo(2);
            assertThat(exit.get(ExitCounter.MEMBERS_LOST)).as("the gateway closed its end of the lost route")
                    .isEqualTo(1);
            // New connections still go through the surviving route.
            byte[] again = ProxyEndToEndTest.fetchThroughSocks(network.proxy().socksAddress(),
                    origin.getAddress().getPort());
            assertThat(again).isEqualTo(file);
            assertThat(network.proxy().status().state()).isEqualTo(TunnelState.DEGRADED);
        } finally {
            origin.stop(0);
        }
    }

    private static void skipHeaders(InputStream in) throws Exception {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            assertThat(b).as("end of the response headers").isNotNegative();
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
