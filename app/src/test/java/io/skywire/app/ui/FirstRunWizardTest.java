package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletCreation;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard creates a wallet, walked as a person would under headless Monocle: the words read off the screen, three
 * typed back, the password twice, a gateway turned on. Then the seed file opens with that password and holds those
 * words, the wallet database it made hands out the same first address as the words restored elsewhere, and
 * desktop.conf holds the sharing choices. PNGs of the words page and the sharing page go to target/screenshots.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirstRunWizardTest {

    private static final String PASSWORD = "a long enough password";
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @Test
    void theWizardCreatesAWallet() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path dataDir = dir.resolve("skywire");
        var model = new java.util.concurrent.atomic.AtomicReference<WizardViewModel>();
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Themes.apply(false);
            Stage window = new Stage();
            model.set(FirstRunWizard.show(window, dataDir, ScryptParameters.FOR_TESTS));
            return window;
        }).get(10, TimeUnit.SECONDS);
        javafx.scene.Parent root = stage.getScene().getRoot();
        robot.clickOn(button(root, "#create"));
        WaitForAsyncUtils.waitForFxEvents();
        FlowPane wordPane = robot.from(root).lookup("#words").queryAs(FlowPane.class);
        List<String> words = wordPane.getChildren().stream().map(node -> ((Label) node).getText())
                .map(text -> text.substring(text.indexOf(". ") + 2)).toList();
        assertThat(words).hasSize(12);
        assertThat(((Label) wordPane.getChildren().get(0)).getText()).startsWith("1. ");
        FxTesting.screenshot(stage, DesktopWindowTest.SCREENSHOTS.resolve("wizard.png"));

        robot.clickOn(button(root, "#next"));
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < WizardViewModel.CONFIRMED_WORDS; i++) {
            String label = robot.from(root).lookup("#confirmLabel" + i).queryAs(Label.class).getText();
            int position = Integer.parseInt(label.substring("Word ".length()));
            robot.clickOn(robot.from(root).lookup("#confirm" + i).queryAs(Node.class)).write(words.get(position - 1));
        }
        robot.clickOn(button(root, "#next"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(root, "#error")).isEmpty();

        robot.clickOn(robot.from(root).lookup("#password").queryAs(Node.class)).write("short");
        robot.clickOn(robot.from(root).lookup("#passwordAgain").queryAs(Node.class)).write("short");
        robot.clickOn(button(root, "#next"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(root, "#error")).contains("at least 8 characters");
        // Replaced whole rather than typed after "short", so no caret position is assumed.
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> {
            robot.from(root).lookup("#password").queryAs(javafx.scene.control.PasswordField.class).setText(PASSWORD);
            robot.from(root).lookup("#passwordAgain").queryAs(javafx.scene.control.PasswordField.class)
                    .setText(PASSWORD);
        });
        robot.clickOn(button(root, "#next"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(root, "#error")).isEmpty();

        javafx.scene.control.CheckBox gateway = robot.from(root).lookup("#gateway")
                .queryAs(javafx.scene.control.CheckBox.class);
        robot.clickOn(gateway);
        FxTesting.until(5, gateway::isSelected);
        javafx.scene.control.TextField region = robot.from(root).lookup("#gatewayRegion")
                .queryAs(javafx.scene.control.TextField.class);
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> region.setText("EU West"));
        assertThat(text(root, "#gatewayRegionError")).startsWith("a region is 1 to 32 characters");
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> region.setText("eu-west"));
        assertThat(text(root, "#gatewayRegionError")).isEmpty();
        FxTesting.screenshot(stage, DesktopWindowTest.SCREENSHOTS.resolve("wizard-sharing.png"));
        Label error = robot.from(root).lookup("#error").queryAs(Label.class);
        robot.clickOn(button(root, "#next"));
        FxTesting.until(30, () -> !stage.isShowing());
        assertThat(error.getText()).isEmpty();
        // The window gets the new wallet already open: the password was just typed.
        try (UserWallet opened = model.get().takeWallet()) {
            assertThat(opened).isNotNull();
            assertThat(opened.files().dataDir()).isEqualTo(dataDir);
        }
        assertThat(model.get().takeWallet()).isNull();

        Mnemonic sealed = SeedStore.open(WalletCreation.seedFile(dataDir), new SecureRandom())
                .reveal(PASSWORD.toCharArray());
        assertThat(sealed.words()).isEqualTo(words);
        DesktopSettings settings = DesktopSettingsFile.read(DesktopSettingsFile.in(dataDir));
        assertThat(settings.gateway()).isTrue();
        assertThat(settings.gatewayRegion()).isEqualTo("eu-west");
        assertThat(settings.forward()).isTrue();

        Path elsewhere = dir.resolve("restored");
        WalletCreation.create(elsewhere, Mnemonic.parse(String.join(" ", words)), "another password".toCharArray(),
                ScryptParameters.FOR_TESTS, true);
        assertThat(firstAddress(dataDir, sealed)).isEqualTo(firstAddress(elsewhere,
                SeedStore.open(WalletCreation.seedFile(elsewhere), new SecureRandom())
                        .reveal("another password".toCharArray())));
    }

    private static SkycoinAddress firstAddress(Path dataDir, Mnemonic mnemonic) {
        try (WalletDatabase database = WalletDatabase.open(WalletCreation.walletDatabase(dataDir))) {
            return new FreshAddresses(database, Secp256k1Provider.get(), mnemonic.seed(), Clock.systemUTC())
                    .freshAddress("test").address();
        }
    }

    private String text(javafx.scene.Parent root, String query) {
        return robot.from(root).lookup(query).queryAs(Label.class).getText();
    }

    /** The wizard's own button (not one of another test's window, should one linger). */
    private Node button(javafx.scene.Parent root, String query) {
        return robot.from(root).lookup(query).queryAs(Node.class);
    }
}
