package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The settings screen in the real window over a free local test network, headless under Monocle: a bad value typed
 * into a field is explained in the label beside that field (and Save is off until it is fixed), Save writes
 * desktop.conf and says a restart applies it, and a PNG of the screen goes to target/screenshots/settings.png.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SettingsScreenTest {

    private final FxRobot robot = new FxRobot();
    private javafx.scene.Parent root;

    @TempDir
    Path dir;

    @Test
    void invalidValuesAreExplainedNextToTheirFieldAndSaveWritesTheFile() throws Exception {
        Path file = DesktopSettingsFile.in(dir);
        DesktopWindow window = FxTesting.open(10, () -> DesktopWindow.show(new Stage(), FxTesting.localNetwork(null),
                new SettingsViewModel(DesktopSettings.defaults(), file), false));
        root = window.stage().getScene().getRoot();
        try {
            FxTesting.until(45, () -> window.network() != null);
            FxTesting.select(window, Screen.SETTINGS);

            type("#udpPort", "99999");
            assertThat(text("#udpPortError")).isEqualTo("a port must be in 0..65535, was 99999");
            assertThat(text("#socksPortError")).isEmpty();
            assertThat(robot.from(root).lookup("#save").queryAs(Button.class).isDisabled()).isTrue();
            type("#bootstrap", "127.0.0.1:7700\n127.0.0.1");
            assertThat(text("#bootstrapError")).isEqualTo("line 2: address must be HOST:PORT, was '127.0.0.1'");
            type("#forwardPrice", "0.0000001");
            assertThat(text("#forwardPriceError")).isEqualTo("not a price in SKY with at most 6 decimals: 0.0000001");
            FxTesting.screenshot(window, Screen.SETTINGS, DesktopWindowTest.SCREENSHOTS.resolve("settings-errors.png"));

            type("#udpPort", "7711");
            type("#bootstrap", "127.0.0.1:7700");
            type("#forwardPrice", "0.05");
            javafx.scene.control.CheckBox storeAndForward = robot.from(root).lookup("#vpnStoreAndForward")
                    .queryAs(javafx.scene.control.CheckBox.class);
            assertThat(storeAndForward.isSelected()).as("store-and-forward is the default").isTrue();
            assertThat(text("#vpnStoreAndForwardNote")).contains("proxies' streams stay store-and-forward always");
            WaitForAsyncUtils.waitForAsyncFx(5_000, () -> storeAndForward.setSelected(false));
            assertThat(text("#udpPortError")).isEmpty();
            assertThat(text("#bootstrapError")).isEmpty();
            assertThat(robot.from(root).lookup("#save").queryAs(Button.class).isDisabled()).isFalse();
            WaitForAsyncUtils.waitForAsyncFx(5_000, () -> robot.from(root).lookup("#save").queryAs(Button.class).fire());
            assertThat(text("#saveStatus")).startsWith("Saved to " + file).contains("starts again");
            DesktopSettings saved = DesktopSettingsFile.read(file);
            assertThat(saved.udpPort()).isEqualTo(7711);
            assertThat(saved.bootstrap()).containsExactly("127.0.0.1:7700");
            assertThat(saved.forwardPriceDroplets()).isEqualTo(50_000);
            assertThat(Files.readString(file)).contains("share.price-droplets = 50000")
                    .contains("vpn.store-and-forward = off");
            assertThat(saved.vpnBulkMode()).isEqualTo(io.skywire.node.engine.ForwardingMode.CUT_THROUGH);
            FxTesting.screenshot(window, Screen.SETTINGS, DesktopWindowTest.SCREENSHOTS.resolve("settings.png"));
        } finally {
            FxTesting.close(window);
        }
    }

    /**
     * Replaces the field's text on the FX thread, as an edit does (the field may be scrolled out of view, and a robot's
     * keystrokes go to whichever window has the focus on a loaded machine).
     */
    private void type(String query, String text) {
        TextInputControl field = robot.from(root).lookup(query).queryAs(TextInputControl.class);
        WaitForAsyncUtils.waitForAsyncFx(5_000, () -> field.setText(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String query) {
        return robot.from(root).lookup(query).queryAs(Label.class).getText();
    }
}
