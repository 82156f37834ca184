package io.skywire.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing, formatting and overflow-checked arithmetic of droplet amounts. */
class DropletsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1.5 SKY, 1500000, 1.5 SKY",
        "1.5, 1500000, 1.5 SKY",
        "0.000001 SKY, 1, 0.000001 SKY",
        "0 SKY, 0, 0 SKY",
        "2 sky, 2000000, 2 SKY",
        "-0.25 SKY, -250000, -0.25 SKY",
        "1.100000 SKY, 1100000, 1.1 SKY",
        "9223372.036854 SKY, 9223372036854, 9223372.036854 SKY",
    })
    void parsesAndFormats(String text, long droplets, String formatted) {
        assertThat(Droplets.parse(text).value()).isEqualTo(droplets);
        assertThat(Droplets.of(droplets).format()).isEqualTo(formatted);
        assertThat(Droplets.parse(Droplets.of(droplets).format())).isEqualTo(Droplets.of(droplets));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SKY", "1.0000001 SKY", "1,5 SKY", "1.5 BTC", "1e6", "--1", ".5", "1.", "99999999999999"})
    void refusesWhatIsNotAnAmount(String text) {
        assertThatThrownBy(() -> Droplets.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsTheExtremes() {
        assertThat(Droplets.of(Long.MAX_VALUE).format()).isEqualTo("9223372036854.775807 SKY");
        assertThat(Droplets.of(Long.MIN_VALUE).format()).isEqualTo("-9223372036854.775808 SKY");
        assertThat(Droplets.parse("9223372036854.775807 SKY")).isEqualTo(Droplets.of(Long.MAX_VALUE));
    }

    @Test
    void arithmeticRefusesToOverflow() {
        assertThat(Droplets.ofSky(2).plus(Droplets.of(5)).minus(Droplets.of(1)).value()).isEqualTo(2_000_004);
        assertThat(Droplets.of(3).times(4)).isEqualTo(Droplets.of(12));
        assertThat(Droplets.of(3).negate()).isEqualTo(Droplets.of(-3));
        assertThatThrownBy(() -> Droplets.of(Long.MAX_VALUE).plus(Droplets.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Droplets.of(Long.MIN_VALUE).minus(Droplets.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Droplets.of(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Droplets.ofSky(Long.MAX_VALUE / 1000)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Droplets.parse("9223372036854.775808")).isInstanceOf(ArithmeticException.class);
        assertThat(Droplets.of(1)).isLessThan(Droplets.of(2));
    }
}
