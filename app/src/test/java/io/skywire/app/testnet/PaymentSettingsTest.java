package io.skywire.app.testnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.wallet.ledger.Droplets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentSettingsTest {

    @Test
    void everyRelayChargesItsOwnPrice() {
        PaymentSettings settings = PaymentSettings.DEFAULT.withRelayPrice(1_000_000);
        assertThat(settings.relayPrice(0)).isEqualTo(1_000_000);
        assertThat(settings.relayPrice(1)).isEqualTo(1_250_000);
        assertThat(settings.relayPrice(4)).isEqualTo(2_000_000);
    }

    @Test
    void creditAndPromiseIntervalAreWhatTheirBytesCostAtThePrice() {
        PaymentSettings settings = new PaymentSettings(1_000_000, Droplets.ofSky(1), Duration.ofSeconds(1),
                1_000_000, 16_000_000, Duration.ofHours(1));
        // 1 SKY per GB is 1 droplet per 1000 bytes.
        assertThat(settings.tolerance(1_000_000)).isEqualTo(Droplets.of(16_000));
        assertThat(settings.promiseInterval(2_000_000)).isEqualTo(Droplets.of(2_000));
        // A price too low to owe a droplet per interval still pays at least one droplet per promise.
        assertThat(settings.promiseInterval(1)).isEqualTo(Droplets.of(1));
    }

    @Test
    void settingsThatWouldStallAnHonestClientOrPayNothingAreRefused() {
        assertThatThrownBy(() -> PaymentSettings.DEFAULT.withRelayPrice(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentSettings(1, Droplets.ofSky(1), Duration.ofSeconds(1), 1_000, 1_500,
                Duration.ofHours(1))).hasMessageContaining("creditBytes");
        assertThatThrownBy(() -> new PaymentSettings(1, Droplets.ofSky(1), Duration.ofSeconds(1), 1_000, 2_000,
                Duration.ofDays(1))).hasMessageContaining("attestation lifetime");
        assertThatThrownBy(() -> PaymentSettings.DEFAULT.withFaucet(Droplets.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentSettings.DEFAULT.withSettlePeriod(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
