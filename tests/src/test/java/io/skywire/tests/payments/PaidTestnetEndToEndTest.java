package io.skywire.tests.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.testnet.PaidRelay;
import io.skywire.app.testnet.PaidTestnet;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.identity.NodeId;
import io.skywire.node.payment.Pricing;
import io.skywire.wallet.escrow.HopPaymentPolicy;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PromiseOutcome;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #5 with the wallet of issue #6, over real sockets: the paid test network in this process (local chain,
 * escrow, four relays with different prices, a client funded from the faucet), a download through its SOCKS5 proxy
 * from a local server, then each relay's earnings against the bytes it forwarded times its price, the books, and
 * the payouts to never-used addresses. The client's attestations last 6 s, and a second download after the first
 * one expired shows that renewal keeps the routes paid. Prices are high (100-175 SKY per GB) so that a download of a few MB takes
 * every relay over the 1 SKY withdrawal threshold.
 */
class PaidTestnetEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(PaidTestnetEndToEndTest.class);
    private static final int BYTES = 24_000_000;
    /** Downloaded after the client's first attestation expired. */
    private static final int MORE_BYTES = 4_000_000;
    private static final long PRICE = 100 * Droplets.PER_SKY;
    /** Attestations of 6 s, renewed every 2 s: a transfer of several seconds crosses renewals. */
    private static final PaymentSettings SETTINGS = new PaymentSettings(PRICE, Droplets.ofSky(100),
            Duration.ofSeconds(1), 512_000, 8_000_000, Duration.ofSeconds(6));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void relaysEarnTheirBytesTimesTheirPriceAndArePaidOutToFreshAddresses() throws Exception {
        long startedNanos = System.nanoTime();
        try (ServerSocket origin = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress());
             PaidTestnet testnet = PaidTestnet.start(dir, 6, 1, ProxySettings.loopback(0, -1), 0, 7, SETTINGS)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serve(origin, BYTES));
            List<PaidRelay> relays = testnet.relays();
            assertThat(relays).hasSize(4);
            assertThat(relays.stream().map(PaidRelay::pricePerGb).distinct()).hasSize(4);
            GatewayCandidate gateway = testnet.network().gateways().get(0);
            // Two relay chains, one route each in the proxy's group: the expected transit price is the dearer path's.
            Map<NodeId, Long> prices = new HashMap<>();
            relays.forEach(relay -> prices.put(relay.node(), relay.pricePerGb()));
            assertThat(gateway.paths()).hasSize(2);
            assertThat(gateway.transitPricePerGbDroplets()).isEqualTo(gateway.paths().stream()
                    .mapToLong(path -> path.stream().mapToLong(hop -> prices.getOrDefault(hop, 0L)).sum())
                    .max().orElseThrow());

            long started = System.nanoTime();
            assertThat(download(testnet.network().proxy().socksAddress(), origin.getLocalPort())).isEqualTo(BYTES);
            served.get(10, TimeUnit.SECONDS);
            LOG.info("{} MB through 4 paid relays in {} ms", BYTES / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000);
            // Past the first attestation's expiry, more bytes must still be paid for: only a renewal allows it.
            long firstExpiry = startedNanos + SETTINGS.attestationLifetime().toNanos() + 1_000_000_000L;
            while (System.nanoTime() < firstExpiry) {
                Thread.sleep(100);
            }
            served = CompletableFuture.runAsync(() -> serve(origin, MORE_BYTES));
            assertThat(download(testnet.network().proxy().socksAddress(), origin.getLocalPort()))
                    .isEqualTo(MORE_BYTES);
            served.get(10, TimeUnit.SECONDS);
            assertThat(testnet.client().renewals()).isPositive();

            Droplets interval = SETTINGS.promiseInterval(relays.get(3).pricePerGb());
            // The client pays every 20 ms and the relays report their counts at housekeeping: settle until both
            // have caught up with the transfer, at most 20 s.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!withinOneInterval(testnet.settleNow(), interval) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            List<PaidRelay.Round> rounds = testnet.settleNow();
            Droplets earnedByAll = Droplets.ZERO;
            long forwardedByAll = 0;
            int payoutsByAll = 0;
            Set<String> addresses = new HashSet<>();
            for (PaidRelay.Round round : rounds) {
                PaidRelay relay = round.relay();
                long owed = Pricing.owed(round.forwardedBytes(), relay.pricePerGb());
                LOG.info("relay {}: forwarded {} bytes at {}/GB, owed {}, earned {}, {} payouts",
                        relay.node().fingerprint(), round.forwardedBytes(), relay.pricePerGb(), owed, round.earned(),
                        relay.payouts().size());
                // The group stripes the downloads over both chains: each relay carries its chain's share.
                assertThat(round.forwardedBytes()).as("forwarded part of the downloads").isPositive();
                forwardedByAll += round.forwardedBytes();
                assertThat(round.earned().value()).as("relay %s earned its bytes times its price",
                        relay.node().fingerprint()).isBetween(owed - interval.value(), owed + interval.value());
                earnedByAll = earnedByAll.plus(round.earned());

                List<Payout> payouts = relay.payouts();
                if (round.earned().compareTo(Droplets.ofSky(1)) >= 0) {
                    assertThat(payouts).as("1 SKY or more earned: paid out at the threshold").isNotEmpty();
                }
                payoutsByAll += payouts.size();
                for (Payout payout : payouts) {
                    assertThat(payout.amount()).isGreaterThanOrEqualTo(Droplets.ofSky(1));
                    assertThat(addresses.add(payout.address().toString())).as("address used once").isTrue();
                    assertThat(testnet.escrow().chain().balance(payout.address())).isEqualTo(payout.amount());
                }
                assertThat(relay.usedAddresses()).hasSize(payouts.size());
                assertThat(testnet.escrow().escrow().balance(relay.payee())).isLessThan(Droplets.ofSky(1));

                HopPaymentPolicy policy = relay.policy();
                assertThat(policy.count(PromiseOutcome.ACCEPTED)).isPositive();
                // A PAYMENT frame is resent when its acknowledgement is late, as it can be on a busy machine, and the
                // policy refuses the copy as a repeat (PROTOCOL 7.2: messages are idempotent): repeats are allowed,
                // every other refusal (an expired attestation above all: renewal must keep up) is not.
                for (PromiseOutcome outcome : PromiseOutcome.values()) {
                    if (outcome.refused() && outcome != PromiseOutcome.REPEATED_SEQUENCE) {
                        assertThat(policy.count(outcome)).as("%s at %s", outcome, relay.node().fingerprint())
                                .isZero();
                    }
                }
                for (HopPaymentPolicy.Refusal refusal : HopPaymentPolicy.Refusal.values()) {
                    if (refusal != HopPaymentPolicy.Refusal.REPEATED_OPEN) {
                        assertThat(policy.count(refusal)).as("%s", refusal).isZero();
                    }
                }
                LOG.info("relay {}: {} promises accepted, {} repeats refused, {} repeated opens",
                        relay.node().fingerprint(), policy.count(PromiseOutcome.ACCEPTED),
                        policy.count(PromiseOutcome.REPEATED_SEQUENCE),
                        policy.count(HopPaymentPolicy.Refusal.REPEATED_OPEN));
            }
            // Every byte crossed the two relays of whichever chain carried it; 28 MB at 100 SKY/GB or more is over 2.8
            // SKY in all, so some relay reached the threshold.
            assertThat(forwardedByAll).isGreaterThan(2L * (BYTES + MORE_BYTES));
            assertThat(payoutsByAll).isPositive();
            // The books balance: what the faucet gave is what the client has left plus what the relays earned.
            assertThat(testnet.escrow().escrow().balance(testnet.client().pseudonym()).plus(earnedByAll))
                    .isEqualTo(testnet.funded());
            assertThat(testnet.escrow().escrow().ledger().total()).isEqualTo(Droplets.ZERO);
            assertThat(testnet.escrow().chain().total()).isEqualTo(Droplets.ZERO);
            assertThat(testnet.escrow().chain().minted()).isEqualTo(testnet.funded());
        }
    }

    /**
     * Whether the relays' counts cover the transfer (each byte crossed the two relays of its chain: no single relay
     * carries all of it) and each relay's earnings are within one interval of its bytes times its price.
     */
    private static boolean withinOneInterval(List<PaidRelay.Round> rounds, Droplets interval) {
        long forwarded = 0;
        for (PaidRelay.Round round : rounds) {
            long owed = Pricing.owed(round.forwardedBytes(), round.relay().pricePerGb());
            if (Math.abs(round.earned().value() - owed) > interval.value()) {
                return false;
            }
            forwarded += round.forwardedBytes();
        }
        return forwarded > 2L * (BYTES + MORE_BYTES);
    }

    /** Accepts one connection and writes {@code bytes} bytes to it. */
    private static void serve(ServerSocket origin, int bytes) {
        try (Socket socket = origin.accept(); OutputStream out = socket.getOutputStream()) {
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Connects through the SOCKS5 proxy to the origin on 127.0.0.1 and reads until it closes. */
    private static long download(InetSocketAddress socks, int port) throws java.io.IOException {
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks))) {
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
            return total;
        }
    }
}
