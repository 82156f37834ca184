package io.skywire.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Aead} beyond the Wycheproof vectors: re-init with the same key and nonce, sizes, failures. */
final class AeadTest {

    private static final byte[] KEY = new byte[Aead.KEY_BYTES];
    private static final byte[] NONCE = new byte[Aead.NONCE_BYTES];
    private static final byte[] AAD = "header".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE = "hello, mesh".getBytes(StandardCharsets.UTF_8);

    @Test
    void oneInstanceSealsAndOpensUnderTheSameKeyAndNonceRepeatedly() {
        // SunJCE alone throws "Matching key and nonce from previous initialization" on the second init here.
        Aead aead = new Aead();
        byte[] sealed = aead.seal(KEY, NONCE, AAD, MESSAGE);
        assertThat(sealed).hasSize(MESSAGE.length + Aead.TAG_BYTES);
        assertThat(aead.open(KEY, NONCE, AAD, sealed)).isEqualTo(MESSAGE);
        assertThat(aead.open(KEY, NONCE, AAD, sealed)).as("open twice").isEqualTo(MESSAGE);
        assertThat(aead.seal(KEY, NONCE, AAD, MESSAGE)).as("seal after open").isEqualTo(sealed);
        assertThat(aead.seal(KEY, NONCE, AAD, MESSAGE)).as("seal twice").isEqualTo(sealed);
    }

    @Test
    void offsetsAndNoAad() {
        Aead aead = new Aead();
        byte[] out = new byte[4 + MESSAGE.length + Aead.TAG_BYTES];
        byte[] padded = new byte[2 + MESSAGE.length];
        System.arraycopy(MESSAGE, 0, padded, 2, MESSAGE.length);
        assertThat(aead.seal(KEY, NONCE, null, padded, 2, MESSAGE.length, out, 4))
                .isEqualTo(MESSAGE.length + Aead.TAG_BYTES);
        byte[] plain = new byte[MESSAGE.length];
        assertThat(aead.open(KEY, NONCE, new byte[0], out, 4, MESSAGE.length + Aead.TAG_BYTES, plain, 0))
                .isEqualTo(MESSAGE.length);
        assertThat(plain).isEqualTo(MESSAGE);
    }

    @Test
    void tamperingIsRefusedAndTheInstanceStaysUsable() {
        Aead aead = new Aead();
        byte[] sealed = aead.seal(KEY, NONCE, AAD, MESSAGE);
        byte[] tampered = sealed.clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> aead.open(KEY, NONCE, AAD, tampered)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> aead.open(KEY, NONCE, new byte[] {1}, sealed)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> aead.open(KEY, NONCE, AAD, new byte[15])).isInstanceOf(CryptoException.class);
        assertThat(aead.open(KEY, NONCE, AAD, sealed)).isEqualTo(MESSAGE);
    }

    @Test
    void wrongSizesAreProgrammingErrors() {
        Aead aead = new Aead();
        assertThatThrownBy(() -> aead.seal(new byte[16], NONCE, AAD, MESSAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aead.seal(KEY, new byte[8], AAD, MESSAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aead.open(KEY, new byte[24], AAD, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aead.open(null, NONCE, AAD, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }
}
