package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.testnet.PaymentSettings;
import io.skywire.app.wallet.WalletFiles;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wallet screen over the paid test network with the user's own wallet in a temporary data directory (headless
 * Monocle): a wrong password is refused beside the field and the right one unlocks; the client's deposit comes from
 * the wallet (topped up by the local chain's faucet as test funds); after traffic and a settlement round the escrow
 * balance on the screen drops by what the relays were paid; a withdrawal explains bad fields beside them, shows its
 * exact fee before the confirmation and then leaves the wallet; closing returns the rest to the wallet.
 */
class WalletScreenTest {

    private static final FxRobot ROBOT = new FxRobot();

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theWalletShowsABalanceThatChangesAfterASettlement() throws Exception {
        WalletFiles files = new WalletFiles(dataDir);
        SeedStore.create(files.seedFile(), Mnemonic.generate(new SecureRandom()), "open sesame".toCharArray(),
                new ScryptParameters(10, 8, 1), new SecureRandom());
        // Rounds only when the test asks for one, and a price at which 4 MB cost relays' shares of 0.4 SKY each.
        PaymentSettings payments = PaymentSettings.DEFAULT.withSettlePeriod(Duration.ofHours(1))
                .withRelayPrice(100_000_000L);
        DesktopWindow window = FxTesting.open(30, () -> DesktopWindow.show(new Stage(), files,
                wallet -> () -> EmbeddedNetwork.startLocal(8, 3, ProxySettings.loopback(0, 0), payments, wallet)));
        try {
            // The dialog opens once the window's first frame is on the screen.
            FxTesting.until(10, () -> window.unlockDialog() != null && window.unlockDialog().isShowing());
            type("not it");
            FxTesting.until(30, () -> text("#error").equals("Wrong password. Try again."));
            assertThat(window.network()).as("nothing starts before the wallet is unlocked").isNull();
            type("open sesame");
            FxTesting.until(45, () -> window.network() != null && window.wallet().availableProperty().get()
                    && !window.wallet().pseudonyms().isEmpty());
            assertThat(window.unlockDialog().isShowing()).isFalse();
            // The wallet's screen is loaded when its tab is first selected.
            FxTesting.select(window, Screen.WALLET);
            FxTesting.eventually(10, () -> assertThat(call(() -> text("#inEscrow")))
                    .isEqualTo("100.000000 SKY"));
            assertThat(text("#inEscrowNote")).startsWith("on 1 pseudonym");
            assertThat(text("#onChain")).isEqualTo("0.000000 SKY");
            assertThat(window.wallet().transactions()).extracting(WalletViewModel.TransactionRow::what)
                    .contains("sent", "test funds (local chain faucet)");

            try (ServerSocket origin = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                CompletableFuture<Void> served = CompletableFuture.runAsync(() -> PaidDashboardTest.serve(origin));
                assertThat(PaidDashboardTest.download(window.network().network().proxy().socksAddress(),
                        origin.getLocalPort())).isEqualTo(PaidDashboardTest.BYTES);
                served.get(5, TimeUnit.SECONDS);
            }
            FxTesting.eventually(20, () -> {
                window.network().settleNow();
                assertThat(window.wallet().escrowHistory()).extracting(WalletViewModel.EscrowRow::what)
                        .contains("settlement");
            });
            FxTesting.until(10, () -> !text("#inEscrow").startsWith("100.000000 SKY"));
            long paid = 100_000_000 - droplets(text("#inEscrow"));
            assertThat(paid).as("what the relays were paid").isPositive()
                    .isLessThanOrEqualTo(window.network().relaysEarnedDroplets());
            assertThat(window.wallet().byDay().get(WalletViewModel.CHART_DAYS - 1).paidDroplets()).isEqualTo(paid);

            WaitForAsyncUtils.asyncFx(() -> {
                window.select(Screen.WALLET);
                ROBOT.lookup("#newAddress").queryAs(Button.class).fire();
            }).get(5, TimeUnit.SECONDS);
            FxTesting.until(10, () -> window.wallet().receiveQrProperty().get() != null);
            FxTesting.screenshot(window, Screen.WALLET, DesktopWindowTest.SCREENSHOTS.resolve("wallet.png"));

            // Withdraw: bad fields are explained beside them; coins sent to the receive address arrive, the exact
            // fee is shown before confirming, and the confirmed withdrawal leaves the wallet.
            withdraw("nonsense", "1");
            FxTesting.until(10, () -> text("#addressError").startsWith("Not a valid address"));
            String receive = window.wallet().receiveAddressProperty().get();
            String friend = io.skywire.wallet.skycoin.DeterministicKeyChain.derive(
                    io.skywire.node.crypto.Secp256k1Provider.get(), "friend".getBytes(), 1).get(0).address().toString();
            withdraw(friend, "1");
            FxTesting.until(10, () -> text("#amountError").contains("holds 0.000000 SKY"));
            try (var chain = io.skywire.wallet.chain.LocalChain.open(files.localChain(),
                    io.skywire.node.crypto.Secp256k1Provider.get(), java.time.Clock.systemUTC(), new SecureRandom())) {
                chain.mint(io.skywire.wallet.skycoin.SkycoinAddress.parse(receive), Droplets.ofSky(5));
            }
            window.network().settleNow();
            FxTesting.until(10, () -> text("#onChain").equals("5.000000 SKY"));
            withdraw(friend, "1.5");
            FxTesting.until(10, () -> text("#withdrawPreview").contains("Fee: 0.000000 SKY"));
            WaitForAsyncUtils.asyncFx(() -> ROBOT.lookup("#confirmWithdrawal").queryAs(Button.class).fire())
                    .get(5, TimeUnit.SECONDS);
            FxTesting.until(10, () -> text("#walletMessage").startsWith("Sent 1.500000 SKY in transaction"));
            FxTesting.until(10, () -> text("#onChain").equals("3.500000 SKY"));
        } finally {
            FxTesting.close(window);
        }
        assertThat(Files.isRegularFile(DesktopWindowTest.SCREENSHOTS.resolve("wallet.png"))).isTrue();
        try (var wallet = io.skywire.app.wallet.UserWallet.unlock(files, "open sesame".toCharArray())) {
            var reading = wallet.read();
            assertThat(reading.transactions().get(0).label()).isEqualTo("returned from the escrow");
            long refunded = reading.transactions().get(0).change().value();
            assertThat(refunded).as("the rest came back to the wallet").isPositive()
                    .isLessThan(Droplets.ofSky(100).value());
            assertThat(reading.onChain().value()).isEqualTo(Droplets.parse("3.5").value() + refunded);
        }
        FxTesting.nothingLeftRunning();
    }

    private static void type(String password) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ROBOT.lookup("#password").queryAs(PasswordField.class).setText(password);
            ROBOT.lookup("#unlockButton").queryAs(Button.class).fire();
        }).get(5, TimeUnit.SECONDS);
    }

    private static void withdraw(String address, String amount) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            ROBOT.lookup("#withdrawAddress").queryAs(javafx.scene.control.TextField.class).setText(address);
            ROBOT.lookup("#withdrawAmount").queryAs(javafx.scene.control.TextField.class).setText(amount);
            ROBOT.lookup("#previewWithdrawal").queryAs(Button.class).fire();
        }).get(5, TimeUnit.SECONDS);
    }

    private static String text(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> ROBOT.lookup(id).queryAs(Label.class).getText()).get(5,
                TimeUnit.SECONDS);
    }

    private static <T> T call(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** "99.600000 SKY" → 99600000. */
    private static long droplets(String text) {
        return Droplets.parse(text.substring(0, text.indexOf(" SKY"))).value();
    }
}
