package io.skywire.app.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.escrow.EscrowConfig;
import io.skywire.app.escrow.EscrowService;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.ledger.Droplets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paying client keeps its attestation fresh from the moment it is funded, before and without any network: a
 * network that takes longer to start than an attestation lasts must not leave its first routes opening with an
 * expired one (PaidTestnetEndToEndTest failed that way under load, with BAD_ATTESTATION at the relays).
 */
class PayingClientTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFundedClientRenewsItsAttestationBeforeAnyNetworkIsUp() throws Exception {
        PaymentSettings settings = new PaymentSettings(Droplets.PER_SKY, Droplets.ofSky(10), Duration.ofSeconds(1),
                1_000_000, 2_000_000, Duration.ofSeconds(3));
        Secp256k1 secp256k1 = Secp256k1Provider.get();
        SecureRandom random = new SecureRandom();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (EscrowService escrow = EscrowService.start(new EscrowConfig(new InetSocketAddress("127.0.0.1", 0),
                dir.resolve("escrow"), dir.resolve("chain"), dir.resolve("escrow-master.key"),
                EscrowSettings.DEFAULT, null))) {
            FaucetWallet wallet = new FaucetWallet(dir.resolve("chain"), escrow.chain(), secp256k1, random);
            PayingClient client = PayingClient.fund(escrow.escrow(), wallet, secp256k1, random, Clock.systemUTC(),
                    settings, timer);
            long firstExpiry = client.attestation().expiry();

            // Renewed every second (a third of 3 s); a liveness bound, not a timing claim.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.renewals() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.renewals()).as("renewals with no network started").isGreaterThanOrEqualTo(2);
            assertThat(client.attestation().expiry()).isGreaterThan(firstExpiry);
            assertThat(client.attestation().pseudonym()).isEqualTo(client.pseudonym());
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
