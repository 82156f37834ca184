package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.app.ui.SettingsViewModel.Field;
import io.skywire.node.engine.QosClass;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings form without a toolkit: each field's error as it is typed, SKY prices, Save. */
class SettingsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theVpnStoreAndForwardSwitchReachesTheSettingsAndComesBackFromThem() {
        SettingsViewModel form = new SettingsViewModel(DesktopSettings.defaults(), null);
        assertThat(form.vpnStoreAndForwardProperty().get()).isTrue();

        form.vpnStoreAndForwardProperty().set(false);

        DesktopSettings chosen = form.settings();
        assertThat(chosen.vpnStoreAndForward()).isFalse();
        assertThat(chosen.vpnBulkMode()).isEqualTo(io.skywire.node.engine.ForwardingMode.CUT_THROUGH);
        SettingsViewModel reloaded = new SettingsViewModel(chosen, null);
        assertThat(reloaded.vpnStoreAndForwardProperty().get()).isFalse();
    }

    @Test
    void eachFieldExplainsItsOwnErrorAndTheFormIsInvalidUntilItIsFixed() {
        SettingsViewModel form = new SettingsViewModel(DesktopSettings.defaults(), null);
        assertThat(form.validProperty().get()).isTrue();
        form.textProperty(Field.UDP_PORT).set("70000");
        assertThat(form.errorProperty(Field.UDP_PORT).get()).isEqualTo("a port must be in 0..65535, was 70000");
        assertThat(form.errorProperty(Field.SOCKS_PORT).get()).isEmpty();
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.settings()).isNull();
        form.textProperty(Field.UDP_PORT).set("7711");
        assertThat(form.errorProperty(Field.UDP_PORT).get()).isEmpty();
        assertThat(form.validProperty().get()).isTrue();

        form.textProperty(Field.BOOTSTRAP).set("127.0.0.1:7700\n\n127.0.0.1\n");
        assertThat(form.errorProperty(Field.BOOTSTRAP).get()).isEqualTo("line 3: address must be HOST:PORT, was "
                + "'127.0.0.1'");
        form.textProperty(Field.GATEWAY_REGION).set("EU");
        assertThat(form.errorProperty(Field.GATEWAY_REGION).get()).startsWith("a region is 1 to 32 characters");
        form.textProperty(Field.FORWARD_PRICE).set("0.0000001");
        assertThat(form.errorProperty(Field.FORWARD_PRICE).get()).isEqualTo(
                "not a price in SKY with at most 6 decimals: 0.0000001");
        form.textProperty(Field.FORWARD_PRICE).set("-1");
        assertThat(form.errorProperty(Field.FORWARD_PRICE).get()).isEqualTo("a price cannot be negative");
        form.textProperty(Field.TCP_PORT).set("0");
        assertThat(form.errorProperty(Field.TCP_PORT).get()).isEqualTo("a port must be in 1..65535, was 0");
    }

    @Test
    void pricesAreTypedInSkyAndSavedAsDroplets() throws Exception {
        Path file = dir.resolve("desktop.conf");
        SettingsViewModel form = new SettingsViewModel(DesktopSettings.defaults(), file);
        assertThat(form.textProperty(Field.GATEWAY_PRICE).get()).isEqualTo("1.000000 SKY");
        form.textProperty(Field.FORWARD_PRICE).set("0.25 SKY");
        form.textProperty(Field.GATEWAY_PRICE).set("1.5");
        form.textProperty(Field.BOOTSTRAP).set("127.0.0.1:7700\n127.0.0.1:7701");
        form.textProperty(Field.HTTP_PORT).set("off");
        form.qosProperty().set(QosClass.REAL_TIME);
        form.forwardProperty().set(false);
        assertThat(form.save()).isTrue();
        assertThat(form.saveStatusProperty().get()).startsWith("Saved to ").endsWith(SettingsViewModel.RESTART_NOTE);

        DesktopSettings saved = DesktopSettingsFile.read(file);
        assertThat(saved.forwardPriceDroplets()).isEqualTo(250_000);
        assertThat(saved.gatewayPriceDroplets()).isEqualTo(1_500_000);
        assertThat(saved.bootstrap()).containsExactly("127.0.0.1:7700", "127.0.0.1:7701");
        assertThat(saved.httpPort()).isEqualTo(-1);
        assertThat(saved.qos()).isEqualTo(QosClass.REAL_TIME);
        assertThat(saved.forward()).isFalse();

        SettingsViewModel reopened = new SettingsViewModel(saved, file);
        assertThat(reopened.settings()).isEqualTo(saved);
    }

    @Test
    void anInvalidFormIsNotSaved() {
        Path file = dir.resolve("desktop.conf");
        SettingsViewModel form = new SettingsViewModel(DesktopSettings.defaults(), file);
        form.textProperty(Field.SOCKS_PORT).set("socks");
        assertThat(form.save()).isFalse();
        assertThat(form.saveStatusProperty().get()).isEqualTo("Not saved: correct the fields marked in red first.");
        assertThat(Files.exists(file)).isFalse();
    }
}
