package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's health checks on a real test network (loopback UDP): it reports CONNECTED only once the gateway
 * answers through the tunnel, moves to the other gateway when its gateway dies, and with no gateway left either
 * refuses every request (kill switch on) or connects directly (kill switch off).
 */
class TunnelFailoverTest {

    /** Fast probes so that a dead gateway is noticed in about a second. */
    private static final HealthSettings FAST = new HealthSettings(200, 1_000, 3, 1_500, 60_000);
    private static final long WAIT_MILLIS = 60_000;

    @TempDir
    Path dir;
    private HttpServer origin;
    private final AtomicInteger served = new AtomicInteger();
    private final byte[] file = new byte[64 * 1024];
    private LocalTestNetwork network;
    private final List<TunnelStatus> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startOrigin() throws IOException {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/file", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, file.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file);
            }
        });
        origin.start();
    }

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
        origin.stop(0);
    }

    private void startNetwork(boolean killSwitch) throws Exception {
        network = LocalTestNetwork.start(dir, 7, 2, ProxySettings.loopback(0, -1).withHealth(FAST)
                .withKillSwitch(killSwitch), 0, 5);
        network.proxy().onStatus(seen::add);
    }

    /** Polls the status (a liveness bound, not a timing claim). */
    private TunnelStatus awaitStatus(Predicate<TunnelStatus> wanted) throws InterruptedException {
        return awaitStatus(network, wanted, seen);
    }

    /** Polls the status (a liveness bound, not a timing claim); {@code seen} goes into the failure message. */
    static TunnelStatus awaitStatus(LocalTestNetwork network, Predicate<TunnelStatus> wanted, List<TunnelStatus> seen)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            TunnelStatus now = network.proxy().status();
            if (wanted.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("status never matched; last: " + network.proxy().status() + "; seen: " + seen);
    }

    /** SOCKS5 CONNECT to the origin; returns the reply code, and on success checks the fetched body. */
    private int fetch() throws Exception {
        return fetch(network, origin, file);
    }

    /** SOCKS5 CONNECT through {@code network}'s proxy to {@code origin}; on success checks the body is {@code file}. */
    static int fetch(LocalTestNetwork network, HttpServer origin, byte[] file) throws Exception {
        InetSocketAddress proxy = network.proxy().socksAddress();
        try (Socket socket = ProxyEndToEndTest.socks(proxy,
                ProxyEndToEndTest.connectRequest("localhost", origin.getAddress().getPort()))) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] method = new byte[2];
            in.readFully(method);
            byte[] reply = new byte[10];
            in.readFully(reply);
            if (reply[1] == 0) {
                assertThat(ProxyEndToEndTest.httpGet(socket, in)).isEqualTo(file);
            }
            return reply[1];
        }
    }

    @Test
    void aDeadGatewayIsReplacedAndWithTheKillSwitchOnNothingLeavesOutsideTheTunnel() throws Exception {
        startNetwork(true);
        List<GatewayCandidate> gateways = network.gateways();
        TunnelStatus first = awaitStatus(s -> s.state() == TunnelState.CONNECTED);
        assertThat(first.gateway()).as("the cheaper gateway wins while nothing is measured").isEqualTo(gateways.get(0));
        assertThat(first.gateway().hops()).isGreaterThanOrEqualTo(3);
        assertThat(first.roundTripMillis()).isPositive();
        assertThat(fetch()).isZero();
        awaitStatus(s -> s.throughputBytesPerSecond() > 0);

        network.stopGateway(0);
        TunnelStatus moved = awaitStatus(s -> s.state() == TunnelState.CONNECTED && s.gateway().equals(gateways.get(1)));
        assertThat(seen).anyMatch(s -> s.state() == TunnelState.FAILED && s.gateway() != null
                && s.gateway().equals(gateways.get(0)));
        assertThat(moved.direct()).isFalse();
        assertThat(fetch()).isZero();
        List<GatewaySnapshot> snapshots = network.proxy().gateways();
        assertThat(snapshots).extracting(GatewaySnapshot::candidate).containsExactlyElementsOf(gateways);
        assertThat(snapshots).extracting(GatewaySnapshot::inUse).containsExactly(false, true);
        assertThat(snapshots.get(0).roundTripMillis()).as("measured before it died").isPositive();
        assertThat(snapshots.get(1).attempts()).isGreaterThanOrEqualTo(1);

        network.stopGateway(1);
        TunnelStatus down = awaitStatus(s -> s.state() == TunnelState.FAILED && s.gateway() == null);
        assertThat(down.reason()).startsWith("no gateway reachable");
        assertThat(down.direct()).isFalse();
        int before = served.get();
        assertThat(fetch()).as("SOCKS5 general failure").isEqualTo(1);
        assertThat(served.get()).as("the origin never heard from the client").isEqualTo(before);
    }

    @Test
    void withTheKillSwitchOffConnectionsGoDirectWhileNoGatewayWorks() throws Exception {
        startNetwork(false);
        awaitStatus(s -> s.state() == TunnelState.CONNECTED);
        network.stopGateway(0);
        network.stopGateway(1);
        TunnelStatus down = awaitStatus(s -> s.state() == TunnelState.FAILED && s.gateway() == null);
        assertThat(down.direct()).isTrue();
        int before = served.get();
        assertThat(fetch()).isZero();
        assertThat(served.get()).isEqualTo(before + 1);
    }
}
