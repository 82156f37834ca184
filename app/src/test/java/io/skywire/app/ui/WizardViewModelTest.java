package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.app.ui.WizardViewModel.Step;
import io.skywire.app.wallet.UserWallet;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's steps and checks on the test thread: no toolkit, the wallet written by a direct executor. */
class WizardViewModelTest {

    private static final String PASSWORD = "correct horse";

    @TempDir
    Path dir;

    private WizardViewModel wizard() {
        return new WizardViewModel(dir, ScryptParameters.FOR_TESTS, new Random(7), Runnable::run, Runnable::run);
    }

    @Test
    void creatingShowsTwelveWordsAsksThreeBackAndWritesTheSeedAndTheSettings() throws Exception {
        WizardViewModel wizard = wizard();
        wizard.chooseCreate();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.SHOW_WORDS);
        List<String> words = List.of(wizard.wordsProperty().get().split(" "));
        assertThat(words).hasSize(12);
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.askedPositions()).hasSize(3).isSorted().doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(1, 12));

        // A wrong word keeps the page and names the word.
        for (int i = 0; i < 3; i++) {
            wizard.confirmationProperty(i).set(words.get(wizard.askedPositions().get(i) - 1));
        }
        int wrong = wizard.askedPositions().get(1);
        wizard.confirmationProperty(1).set(words.get(wrong % 12).equals(words.get(wrong - 1)) ? "zoo" : words.get(wrong % 12));
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.errorProperty().get()).startsWith("word " + wrong + " is not the word shown");
        wizard.confirmationProperty(1).set(" " + words.get(wrong - 1).toUpperCase() + " ");
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.PASSWORD);

        wizard.passwordProperty().set("short");
        wizard.passwordAgainProperty().set("short");
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.errorProperty().get()).contains("at least 8 characters");
        wizard.passwordProperty().set(PASSWORD);
        wizard.passwordAgainProperty().set(PASSWORD + "!");
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.errorProperty().get()).isEqualTo("the two passwords differ");
        wizard.passwordAgainProperty().set(PASSWORD);
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.SHARING);

        wizard.sharing().textProperty(SettingsViewModel.Field.FORWARD_PRICE).set("two");
        assertThat(wizard.next()).isFalse();
        wizard.sharing().textProperty(SettingsViewModel.Field.FORWARD_PRICE).set("0.02");
        wizard.sharing().gatewayProperty().set(true);
        wizard.sharing().textProperty(SettingsViewModel.Field.GATEWAY_REGION).set("eu-west");
        assertThat(wizard.next()).isTrue();

        assertThat(wizard.stepProperty().get()).isEqualTo(Step.DONE);
        assertThat(wizard.finished()).isCompletedWithValue(true);
        assertThat(wizard.wordsProperty().get()).isEmpty();
        assertThat(wizard.passwordProperty().get()).isEmpty();
        Mnemonic sealed = SeedStore.open(dir.resolve("wallet.seed"), new SecureRandom())
                .reveal(PASSWORD.toCharArray());
        assertThat(sealed.words()).isEqualTo(words);
        try (UserWallet opened = wizard.takeWallet()) {
            assertThat(opened).as("the new wallet, open for the window without asking again").isNotNull();
            assertThat(opened.receiveAddress()).isEqualTo(new DeterministicKeyChain(Secp256k1Provider.get(),
                    sealed.seed()).next().address());
        }
        assertThat(wizard.takeWallet()).isNull();
        DesktopSettings settings = DesktopSettingsFile.read(DesktopSettingsFile.in(dir));
        assertThat(settings.forwardPriceDroplets()).isEqualTo(20_000);
        assertThat(settings.gateway()).isTrue();
        assertThat(settings.gatewayRegion()).isEqualTo("eu-west");
    }

    @Test
    void restoringExplainsABadChecksumAndAnUnknownWord() throws Exception {
        Mnemonic mnemonic = Mnemonic.generate(new SecureRandom());
        List<String> words = mnemonic.words();
        WizardViewModel wizard = wizard();
        wizard.chooseRestore();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.ENTER_WORDS);

        // Swapping two different words keeps every word valid but breaks the checksum (or, rarely, not: then skip).
        List<String> swapped = new java.util.ArrayList<>(words);
        java.util.Collections.swap(swapped, 0, 11);
        wizard.restoreTextProperty().set(String.join(" ", swapped));
        if (!swapped.equals(words) && !wizard.next()) {
            assertThat(wizard.errorProperty().get()).contains("checksum").contains("misspelt, swapped or missing");
        } else {
            wizard.back();
            wizard.chooseRestore();
        }
        wizard.restoreTextProperty().set(String.join(" ", words.subList(0, 2)) + " notaword "
                + String.join(" ", words.subList(3, 12)));
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.errorProperty().get()).startsWith("word 3 is not in the BIP39 English word list");
        wizard.restoreTextProperty().set(String.join(" ", words.subList(0, 11)));
        assertThat(wizard.next()).isFalse();
        assertThat(wizard.errorProperty().get()).startsWith("a mnemonic has exactly 12 words");

        wizard.restoreTextProperty().set("  " + String.join("  ", words).toUpperCase() + "\n");
        assertThat(wizard.next()).isTrue();
        wizard.passwordProperty().set(PASSWORD);
        wizard.passwordAgainProperty().set(PASSWORD);
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.finished()).isCompletedWithValue(true);
        assertThat(wizard.progressProperty().get()).isEqualTo("Restored the wallet; 0 used addresses found.");
        assertThat(SeedStore.open(dir.resolve("wallet.seed"), new SecureRandom()).reveal(PASSWORD.toCharArray()))
                .isEqualTo(mnemonic);
        try (UserWallet opened = wizard.takeWallet()) {
            assertThat(opened).isNotNull();
        }
    }

    @Test
    void cancellingWritesNothing() throws Exception {
        WizardViewModel wizard = wizard();
        wizard.chooseCreate();
        wizard.next();
        wizard.cancel();
        assertThat(wizard.finished()).isCompletedWithValue(false);
        assertThat(wizard.wordsProperty().get()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFailedCreationLeavesNoSettingsBehindAndSaysNothingWasWritten() throws Exception {
        Files.writeString(dir.resolve("wallet.mv.db"), "another wallet's database");
        WizardViewModel wizard = wizard();
        wizard.chooseRestore();
        wizard.restoreTextProperty().set(Mnemonic.generate(new SecureRandom()).text());
        wizard.next();
        wizard.passwordProperty().set(PASSWORD);
        wizard.passwordAgainProperty().set(PASSWORD);
        wizard.next();
        assertThat(wizard.next()).isTrue();
        assertThat(wizard.stepProperty().get()).isEqualTo(Step.SHARING);
        assertThat(wizard.errorProperty().get()).startsWith("Nothing was written: ")
                .contains("holds another wallet's addresses");
        assertThat(wizard.finished()).isNotDone();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("wallet.mv.db");
        }
    }
}
