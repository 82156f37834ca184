package io.skywire.app.testnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.escrow.EscrowConfig;
import io.skywire.app.escrow.EscrowService;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paying client's attestation lasts its whole lifetime from when it is issued, and is kept fresh from then on,
 * before and without any network: a slow deposit or a network that takes longer to start than an attestation lasts
 * must not leave its first routes opening with an expired one (PaidTestnetEndToEndTest failed that way under load,
 * with BAD_ATTESTATION at the relays).
 */
class PayingClientTest {

    @TempDir
    Path dir;

    private static final PaymentSettings SETTINGS = new PaymentSettings(Droplets.PER_SKY, Droplets.ofSky(10),
            Duration.ofSeconds(1), 1_000_000, 2_000_000, Duration.ofSeconds(3));

    private final Secp256k1 secp256k1 = Secp256k1Provider.get();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFundedClientRenewsItsAttestationBeforeAnyNetworkIsUp() throws Exception {
        try (EscrowService escrow = startEscrow()) {
            FaucetWallet wallet = new FaucetWallet(dir.resolve("chain"), escrow.chain(), secp256k1, random);
            PayingClient client = PayingClient.fund(escrow.escrow(), wallet, secp256k1, random, Clock.systemUTC(),
                    SETTINGS, timer);
            long firstExpiry = client.attestation().expiry();

            // Renewed every second (a third of 3 s); a liveness bound, not a timing claim.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.renewals() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.renewals()).as("renewals with no network started").isGreaterThanOrEqualTo(2);
            assertThat(client.attestation().expiry()).isGreaterThan(firstExpiry);
            assertThat(client.attestation().pseudonym()).isEqualTo(client.pseudonym());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDepositSlowerThanTheLifetimeStillGetsAWholeLifetime() throws Exception {
        try (EscrowService escrow = startEscrow()) {
            FaucetWallet faucet = new FaucetWallet(dir.resolve("chain"), escrow.chain(), secp256k1, random);
            // The deposit takes longer than the 3 s an attestation lasts, as funding can on a loaded machine.
            AtomicReference<Instant> deposited = new AtomicReference<>();
            ClientWallet slow = new ClientWallet() {
                @Override
                public Path chainFile() {
                    return faucet.chainFile();
                }

                @Override
                public byte[] newDepositorSecret() {
                    return faucet.newDepositorSecret();
                }

                @Override
                public byte[] newPseudonymSecret() {
                    return faucet.newPseudonymSecret();
                }

                @Override
                public void payDeposit(SkycoinAddress deposit, Droplets amount) throws ChainRefusedException {
                    try {
                        Thread.sleep(SETTINGS.attestationLifetime().toMillis() + 1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    faucet.payDeposit(deposit, amount);
                    deposited.set(Instant.now());
                }

                @Override
                public SkycoinAddress refundAddress() {
                    return faucet.refundAddress();
                }
            };
            PayingClient client = PayingClient.fund(escrow.escrow(), slow, secp256k1, random, Clock.systemUTC(),
                    SETTINGS, timer);
            // The lifetime counts from the attestation's issue, after the deposit (the expiry is a whole second).
            assertThat(client.attestation().expiry())
                    .isGreaterThanOrEqualTo(deposited.get().plus(SETTINGS.attestationLifetime()).getEpochSecond());
        }
    }

    private EscrowService startEscrow() throws java.io.IOException {
        return EscrowService.start(new EscrowConfig(new InetSocketAddress("127.0.0.1", 0), dir.resolve("escrow"),
                dir.resolve("chain"), dir.resolve("escrow-master.key"), EscrowSettings.DEFAULT, null));
    }
}
