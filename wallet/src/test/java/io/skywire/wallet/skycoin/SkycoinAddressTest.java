package io.skywire.wallet.skycoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SkycoinAddressTest {

    private static final String VALID = "2XDHP1JPEun347k6C559npPHT23V5GWeMkA";

    @Test
    void roundTripsAValidAddress() {
        assertThat(SkycoinAddress.parse(VALID).toString()).isEqualTo(VALID);
        assertThat(SkycoinAddress.parse("  " + VALID + "\n").toString()).isEqualTo(VALID);
    }

    @Test
    void refusesAWrongChecksum() {
        // Change one character: the checksum no longer matches.
        String typo = VALID.substring(0, 10) + (VALID.charAt(10) == 'a' ? 'b' : 'a') + VALID.substring(11);
        assertThatThrownBy(() -> SkycoinAddress.parse(typo))
                .isInstanceOf(AddressFormatException.class).hasMessageContaining("checksum");
    }

    @Test
    void refusesAWrongLength() {
        assertThatThrownBy(() -> SkycoinAddress.parse(VALID.substring(0, 20)))
                .isInstanceOf(AddressFormatException.class).hasMessageContaining("expected 25");
        assertThatThrownBy(() -> SkycoinAddress.parse(VALID + "2"))
                .isInstanceOf(AddressFormatException.class).hasMessageContaining("expected 25");
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        for (String bad : new String[] {"0", "O", "I", "l", "é", "-"}) {
            assertThatThrownBy(() -> SkycoinAddress.parse(VALID.substring(0, 5) + bad + VALID.substring(6)))
                    .isInstanceOf(AddressFormatException.class).hasMessageContaining("position 6");
        }
    }

    @Test
    void refusesEmptyText() {
        assertThatThrownBy(() -> SkycoinAddress.parse(" ")).isInstanceOf(AddressFormatException.class);
    }

    @Test
    void base58KeepsLeadingZeros() {
        byte[] data = {0, 0, 1, 2, 3};
        assertThat(Base58.encode(data)).startsWith("11");
        assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
        assertThat(Base58.decode("1")).isEqualTo(new byte[] {0});
    }
}
