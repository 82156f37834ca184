package io.skywire.app.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.identity.NodeId;
import io.skywire.node.payment.Pricing;
import io.skywire.node.runtime.RouteOptions;
import io.skywire.node.runtime.RouteSession;
import io.skywire.node.stream.StreamEvent;
import io.skywire.node.stream.StreamMux;
import io.skywire.wallet.ledger.Droplets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VPN's real-time lane is a paid route like the bulk ones: the paying client opens a route of QoS real-time with
 * small buffers through charging relays (which refuse it unpaid), and the relays on it earn its bytes times their
 * price. The bytes are end-to-end PINGs the gateway answers (docs/PROTOCOL.md 3.2), so they cross every hop twice.
 */
class PaidRealtimeRouteTest {

    private static final long PRICE = 100 * Droplets.PER_SKY;
    private static final PaymentSettings SETTINGS = new PaymentSettings(PRICE, Droplets.ofSky(100),
            Duration.ofSeconds(1), 256_000, 4_000_000, Duration.ofMinutes(5));
    private static final int PINGS = 64;
    private static final int PING_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theRealtimeLaneCarriesPricesAndItsRelaysEarnItsBytes() throws Exception {
        try (PaidTestnet testnet = PaidTestnet.start(dir, 6, 1, ProxySettings.loopback(0, -1), 0, 3, SETTINGS)) {
            GatewayCandidate gateway = testnet.network().gateways().get(0);
            List<NodeId> path = gateway.paths().get(0);
            RouteOptions realtime = new RouteOptions(QosClass.REAL_TIME, ForwardingMode.STORE_AND_FORWARD, 256 << 10);

            // Unpaid, the charging relays refuse it: the prices are what gets it through.
            assertThat(RouteOpener.UNPAID.open(testnet.network().client(), path, realtime))
                    .failsWithin(20, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class);

            RouteSession route = testnet.routeOpener().open(testnet.network().client(), path, realtime)
                    .get(20, TimeUnit.SECONDS);
            StreamMux mux = new StreamMux(true, StreamMux.DEFAULT_WINDOW);
            CountDownLatch pongs = new CountDownLatch(PINGS);
            route.onReceive(bytes -> {
                try {
                    List<StreamEvent> events;
                    synchronized (mux) {
                        events = mux.receive(bytes);
                    }
                    events.stream().filter(StreamEvent.Pong.class::isInstance).forEach(pong -> pongs.countDown());
                } catch (io.skywire.node.stream.StreamProtocolException e) {
                    throw new AssertionError(e);
                }
            });
            for (int i = 0; i < PINGS; i++) {
                byte[] out;
                synchronized (mux) {
                    mux.ping(new byte[PING_BYTES]);
                    out = mux.takeOutput();
                }
                route.send(out).get(20, TimeUnit.SECONDS);
            }
            assertThat(pongs.await(30, TimeUnit.SECONDS)).as("every PING answered over the paid real-time route")
                    .isTrue();

            long carried = 2L * PINGS * PING_BYTES;
            List<PaidRelay> onPath = testnet.relays().stream().filter(relay -> path.contains(relay.node())).toList();
            assertThat(onPath).hasSize(path.size() - 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            List<PaidRelay.Round> rounds = testnet.settleNow();
            while (!earnedTheirBytes(rounds, onPath, carried) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                rounds = testnet.settleNow();
            }
            for (PaidRelay relay : onPath) {
                PaidRelay.Round round = rounds.stream().filter(r -> r.relay() == relay).findFirst().orElseThrow();
                assertThat(round.forwardedBytes()).as("bytes forwarded").isGreaterThanOrEqualTo(carried);
                assertThat(round.earned().value()).as("earned at least the pings' bytes times the price, less one "
                        + "promise interval").isGreaterThanOrEqualTo(Pricing.owed(carried, relay.pricePerGb())
                        - SETTINGS.promiseInterval(relay.pricePerGb()).value());
            }
            route.close();
        }
    }

    private static boolean earnedTheirBytes(List<PaidRelay.Round> rounds, List<PaidRelay> onPath, long carried) {
        for (PaidRelay.Round round : rounds) {
            if (onPath.contains(round.relay()) && (round.forwardedBytes() < carried || round.earned().value()
                    < Pricing.owed(carried, round.relay().pricePerGb())
                    - SETTINGS.promiseInterval(round.relay().pricePerGb()).value())) {
                return false;
            }
        }
        return true;
    }
}
