package io.skywire.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.app.testnet.ClientWallet;
import io.skywire.wallet.chain.WithdrawalPreview;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.seed.WrongPasswordException;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserWalletTest {

    @TempDir
    Path dir;

    /** A wallet as `skywire wallet new` writes it, with a cheap scrypt cost for tests. */
    static WalletFiles create(Path dataDir, String password) throws IOException {
        WalletFiles files = new WalletFiles(dataDir);
        java.nio.file.Files.createDirectories(dataDir);
        SeedStore.create(files.seedFile(), Mnemonic.generate(new SecureRandom()), password.toCharArray(),
                new ScryptParameters(10, 8, 1), new SecureRandom());
        return files;
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneOpensTheWallet() throws Exception {
        WalletFiles files = create(dir, "right");
        assertThat(files.hasWallet()).isTrue();
        assertThat(new WalletFiles(dir.resolve("elsewhere")).hasWallet()).isFalse();
        assertThatThrownBy(() -> UserWallet.unlock(files, "wrong".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
        try (UserWallet wallet = UserWallet.unlock(files, "right".toCharArray())) {
            assertThat(wallet.read().onChain()).isEqualTo(Droplets.ZERO);
        }
    }

    @Test
    void receiveAddressesAreNeverHandedOutTwice() throws Exception {
        Set<SkycoinAddress> seen = new HashSet<>();
        try (UserWallet wallet = UserWallet.unlock(create(dir, "pw"), "pw".toCharArray())) {
            for (int i = 0; i < 5; i++) {
                assertThat(seen.add(wallet.receiveAddress())).isTrue();
            }
        }
        try (UserWallet again = UserWallet.unlock(new WalletFiles(dir), "pw".toCharArray())) {
            assertThat(seen.add(again.receiveAddress())).as("after a reopen too").isTrue();
        }
    }

    @Test
    void theTestNetworksDepositComesFromTheWalletToppedUpByTheFaucetAsLabelledTestFunds() throws Exception {
        try (UserWallet wallet = UserWallet.unlock(create(dir, "pw"), "pw".toCharArray())) {
            ClientWallet client = wallet.forTestNetwork();
            assertThat(client.chainFile()).isEqualTo(dir.resolve("local-chain"));
            SkycoinAddress deposit = DeterministicKeyChain.derive(
                    io.skywire.node.crypto.Secp256k1Provider.get(), "escrow".getBytes(StandardCharsets.UTF_8), 1)
                    .get(0).address();
            byte[] pseudonym = client.newPseudonymSecret();
            assertThat(client.newPseudonymSecret()).as("a fresh key each time").isNotEqualTo(pseudonym);

            client.payDeposit(deposit, Droplets.ofSky(3));

            WalletReading reading = wallet.read();
            assertThat(reading.onChain()).isEqualTo(Droplets.ZERO);
            assertThat(reading.pseudonyms()).hasSize(2);
            assertThat(reading.escrowRunning()).isFalse();
            assertThat(reading.transactions()).extracting(WalletReading.Activity::label)
                    .containsExactly("sent", "test funds (local chain faucet)");
            assertThat(reading.transactions()).extracting(WalletReading.Activity::change)
                    .containsExactly(Droplets.ofSky(-3), Droplets.ofSky(3));

            SkycoinAddress refund = client.refundAddress();
            assertThat(wallet.receiveAddress()).isNotEqualTo(refund);
        }
    }

    @Test
    void aWithdrawalShowsItsExactFeeFirstAndSendsWhatWasConfirmed() throws Exception {
        try (UserWallet wallet = UserWallet.unlock(create(dir, "pw"), "pw".toCharArray())) {
            SkycoinAddress deposit = wallet.receiveAddress();
            // Coins arrive from outside: the local chain's faucet, as `skywire wallet faucet` mints them.
            try (WalletSession session = WalletSession.open(new WalletFiles(dir))) {
                session.chain().mint(deposit, Droplets.ofSky(5));
            }
            SkycoinAddress to = DeterministicKeyChain.derive(io.skywire.node.crypto.Secp256k1Provider.get(),
                    "friend".getBytes(StandardCharsets.UTF_8), 1).get(0).address();
            WithdrawalPreview preview = wallet.preview(to, Droplets.parse("1.5"));
            assertThat(preview.fee()).isEqualTo(Droplets.ZERO);
            assertThat(preview.change()).isEqualTo(Droplets.parse("3.5"));

            String id = wallet.withdraw(preview);

            WalletReading reading = wallet.read();
            assertThat(reading.onChain()).isEqualTo(Droplets.parse("3.5"));
            assertThat(reading.transactions().get(0).transactionId()).isEqualTo(id);
            assertThat(reading.transactions().get(0).change()).isEqualTo(Droplets.parse("-1.5"));
        }
    }
}
