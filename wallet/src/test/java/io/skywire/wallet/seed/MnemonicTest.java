package io.skywire.wallet.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** BIP39 12-word phrases: the Trezor reference vectors, round trips, and refusals that say what is wrong. */
class MnemonicTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The 128-bit English entries of the BIP39 reference vectors (trezor/python-mnemonic vectors.json). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "00000000000000000000000000000000, abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f, legal winner thank year wave sausage worth useful legal winner thank yellow",
        "80808080808080808080808080808080, letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
        "ffffffffffffffffffffffffffffffff, zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
        "9e885d952ad362caeb4efe34a8e91bd2, ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic",
        "c0ba5a8e914111210f2bd131f3d5e08d, scheme spot photo card baby mountain device kick cradle pact join borrow",
        "23db8160a31d3e0dca3688ed941adbf3, cat swing flag economy stadium alone churn speed unique patch report train",
    })
    void matchesTheReferenceVectors(String entropy, String phrase) {
        Mnemonic fromEntropy = Mnemonic.fromEntropy(HEX.parseHex(entropy));
        assertThat(fromEntropy.text()).isEqualTo(phrase);
        Mnemonic parsed = Mnemonic.parse(phrase);
        assertThat(parsed).isEqualTo(fromEntropy);
        assertThat(HEX.formatHex(parsed.entropy())).isEqualTo(entropy);
    }

    @Test
    void roundTripsRandomEntropy() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] entropy = new byte[16];
            random.nextBytes(entropy);
            Mnemonic mnemonic = Mnemonic.fromEntropy(entropy);
            assertThat(Mnemonic.parse(mnemonic.text()).entropy()).isEqualTo(entropy);
        }
        assertThat(Mnemonic.generate(new SecureRandom()).words()).hasSize(12);
    }

    @Test
    void normalizesCaseAndWhiteSpace() {
        Mnemonic parsed = Mnemonic.parse("  Legal WINNER thank year\twave sausage worth useful legal\n winner thank yellow ");
        assertThat(parsed.text())
                .isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
    }

    @Test
    void namesTheUnknownWord() {
        assertThatThrownBy(() -> Mnemonic.parse(
                "legal winner thank year wave sausage worth usefull legal winner thank yellow"))
                .isInstanceOfSatisfying(MnemonicException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MnemonicException.Reason.UNKNOWN_WORD);
                    assertThat(e.position()).isEqualTo(8);
                    assertThat(e.getMessage()).contains("'usefull'").contains("word 8");
                });
    }

    @Test
    void refusesABadChecksum() {
        // Every word is valid; swapping the last word for another breaks the 4-bit checksum.
        assertThatThrownBy(() -> Mnemonic.parse(
                "legal winner thank year wave sausage worth useful legal winner thank year"))
                .isInstanceOfSatisfying(MnemonicException.class,
                        e -> assertThat(e.reason()).isEqualTo(MnemonicException.Reason.CHECKSUM))
                .hasMessageContaining("checksum");
    }

    @Test
    void refusesTheWrongWordCount() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon about"))
                .isInstanceOfSatisfying(MnemonicException.class,
                        e -> assertThat(e.reason()).isEqualTo(MnemonicException.Reason.WORD_COUNT))
                .hasMessageContaining("3");
        assertThatThrownBy(() -> Mnemonic.parse("")).isInstanceOf(MnemonicException.class);
        assertThatThrownBy(() -> new Mnemonic(List.of("abandon"))).isInstanceOf(MnemonicException.class);
    }

    @Test
    void theSkycoinSeedIsThePhraseText() {
        Mnemonic mnemonic = Mnemonic.parse(
                "legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(mnemonic.seed()).isEqualTo(mnemonic.text().getBytes(StandardCharsets.UTF_8));
        List<SkycoinKeyPair> fromMnemonic = DeterministicKeyChain.derive(Secp256k1Provider.get(), mnemonic.seed(), 3);
        List<SkycoinKeyPair> fromText = DeterministicKeyChain.derive(Secp256k1Provider.get(),
                "legal winner thank year wave sausage worth useful legal winner thank yellow"
                        .getBytes(StandardCharsets.UTF_8), 3);
        assertThat(fromMnemonic).extracting(SkycoinKeyPair::address)
                .containsExactlyElementsOf(fromText.stream().map(SkycoinKeyPair::address).toList());
        assertThat(mnemonic.toString()).doesNotContain("legal");
    }
}
