package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.wallet.WalletReading;
import io.skywire.wallet.chain.WithdrawalPreview;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wallet screen's state, driven on the test thread without a toolkit. */
class WalletViewModelTest {

    private static final SkycoinAddress FRIEND = DeterministicKeyChain.derive(Secp256k1Provider.get(),
            "friend".getBytes(StandardCharsets.UTF_8), 1).get(0).address();

    private final WalletViewModel model = new WalletViewModel(ZoneOffset.UTC);

    @Test
    void withoutAWalletItSaysSoAndShowsNothingElse() {
        assertThat(model.statusProperty().get()).isEqualTo("No wallet yet");
        assertThat(model.availableProperty().get()).isFalse();
        model.locked();
        assertThat(model.statusProperty().get()).startsWith("Wallet locked");
    }

    @Test
    void balancesPseudonymsHistoryAndTransactionsComeFromTheReading() {
        Instant now = Instant.now();
        model.accept(reading(now));

        assertThat(model.availableProperty().get()).isTrue();
        assertThat(model.onChainProperty().get()).isEqualTo("12.500000 SKY");
        assertThat(model.inEscrowProperty().get()).isEqualTo("99.250000 SKY");
        assertThat(model.inEscrowNoteProperty().get()).isEqualTo("on 1 pseudonym at the local test network's escrow");
        assertThat(model.earnedProperty().get()).isEqualTo("2.000000 SKY");
        assertThat(model.earnedNoteProperty().get()).startsWith("paid out to this wallet by the escrow");
        assertThat(model.pseudonyms()).singleElement().satisfies(row -> {
            assertThat(row.key()).isEqualTo("02aabbccddeeff00…");
            assertThat(row.balance()).isEqualTo("99.250000 SKY");
        });
        assertThat(model.escrowHistory()).extracting(WalletViewModel.EscrowRow::amount)
                .containsExactly("-0.500000 SKY", "-0.250000 SKY", "-0.250000 SKY", "+100.000000 SKY");
        assertThat(model.transactions()).extracting(WalletViewModel.TransactionRow::change)
                .containsExactly("+2.000000 SKY", "-100.000000 SKY", "+112.500000 SKY");
    }

    @Test
    void theChartGroupsRealPostingsByDayWithEmptyDaysIncluded() {
        Instant now = Instant.now();
        model.accept(reading(now));

        assertThat(model.byDay()).hasSize(WalletViewModel.CHART_DAYS);
        WalletViewModel.DayTotal today = model.byDay().get(WalletViewModel.CHART_DAYS - 1);
        assertThat(today.day()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(today.earnedDroplets()).isEqualTo(2_000_000);
        assertThat(today.paidDroplets()).as("settlements only: the redemption is not a payment")
                .isEqualTo(750_000);
        WalletViewModel.DayTotal yesterday = model.byDay().get(WalletViewModel.CHART_DAYS - 2);
        assertThat(yesterday.paidDroplets()).isEqualTo(250_000);
        assertThat(model.byDay().get(0).paidDroplets()).isZero();
    }

    @Test
    void theWithdrawalFormExplainsEachBadFieldBesideIt() {
        model.accept(reading(Instant.now()));
        model.withdrawAddressProperty().set("not-an-address");
        model.withdrawAmountProperty().set("1.1234567");
        assertThat(model.validateWithdrawal()).isEmpty();
        assertThat(model.addressErrorProperty().get()).startsWith("Not a valid address");
        assertThat(model.amountErrorProperty().get()).startsWith("Not a valid amount");

        model.withdrawAddressProperty().set(FRIEND.toString());
        model.withdrawAmountProperty().set("13");
        assertThat(model.validateWithdrawal()).isEmpty();
        assertThat(model.addressErrorProperty().get()).isEmpty();
        assertThat(model.amountErrorProperty().get()).contains("holds 12.500000 SKY");

        model.withdrawAmountProperty().set("0");
        assertThat(model.validateWithdrawal()).isEmpty();
        assertThat(model.amountErrorProperty().get()).contains("more than 0");

        model.withdrawAmountProperty().set(" 1.5 ");
        assertThat(model.validateWithdrawal()).hasValue(new WalletViewModel.Withdrawal(FRIEND, Droplets.parse("1.5")));
        assertThat(model.amountErrorProperty().get()).isEmpty();
    }

    @Test
    void theExactFeeIsShownBeforeConfirmingAndTheFormClearsAfterSending() {
        WithdrawalPreview preview = new WithdrawalPreview(FRIEND, Droplets.parse("1.5"), Droplets.ZERO,
                Droplets.parse("11"), 1);
        model.withdrawAddressProperty().set(FRIEND.toString());
        model.withdrawAmountProperty().set("1.5");
        model.previewed(preview);
        assertThat(model.pendingProperty().get()).isEqualTo(preview);
        assertThat(model.withdrawPreviewProperty().get()).contains("Fee: 0.000000 SKY")
                .contains("Leaves the wallet: 1.500000 SKY").contains(FRIEND.toString());

        model.withdrawn(preview, "abc123");
        assertThat(model.pendingProperty().get()).isNull();
        assertThat(model.withdrawAddressProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Sent 1.500000 SKY in transaction abc123");
    }

    @Test
    void aFreshAddressComesWithItsQrCodeAndErrorsAreReadable() {
        model.receiveAddress(FRIEND);
        assertThat(model.receiveAddressProperty().get()).isEqualTo(FRIEND.toString());
        assertThat(model.receiveQrProperty().get().text()).isEqualTo(FRIEND.toString());
        model.working("Sending…");
        assertThat(model.busyProperty().get()).isTrue();
        model.failed("The withdrawal failed", new IllegalStateException("the local chain refused it"));
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("The withdrawal failed: the local chain refused it");
    }

    private static WalletReading reading(Instant now) {
        String key = "02aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899";
        Instant yesterday = now.minusSeconds(86_400);
        return new WalletReading("local chain", Droplets.parse("12.5"), Droplets.parse("99.25"), true,
                Droplets.ofSky(2),
                List.of(new WalletReading.Pseudonym(key, Droplets.parse("99.25"), yesterday)),
                List.of(new WalletReading.EscrowEntry(now, key, "settlement", Droplets.parse("-0.5")),
                        new WalletReading.EscrowEntry(now, key, "settlement", Droplets.parse("-0.25")),
                        new WalletReading.EscrowEntry(yesterday, key, "settlement", Droplets.parse("-0.25")),
                        new WalletReading.EscrowEntry(yesterday, key, "redemption", Droplets.ofSky(100))),
                List.of(new WalletReading.Activity(now, "c", Droplets.ofSky(2), "earnings paid out by the escrow"),
                        new WalletReading.Activity(yesterday, "b", Droplets.ofSky(-100), "sent"),
                        new WalletReading.Activity(yesterday, "a", Droplets.parse("112.5"),
                                "test funds (local chain faucet)")));
    }
}
