package io.skywire.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Choosing and forcing an implementation. */
final class Secp256k1ProviderTest {

    @Test
    void jniLoadsOnLinuxX86_64() {
        boolean linuxX64 = System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (linuxX64) {
            // Bundled in secp256k1-kmp-jni-jvm-linux: if this fails, every "JNI" test below was skipped.
            assertThat(Secp256k1Provider.jni()).as("libsecp256k1 loads on Linux x86_64").isPresent();
        }
        assertThat(Secp256k1Provider.jni()).isSameAs(Secp256k1Provider.jni());
    }

    @Test
    void automaticPrefersJni() {
        Secp256k1 expected = Secp256k1Provider.jni().orElse(Secp256k1Provider.bouncyCastle());
        assertThat(Secp256k1Provider.choose(null)).isSameAs(expected);
        assertThat(Secp256k1Provider.choose(" ")).isSameAs(expected);
        assertThat(Secp256k1Provider.get()).isNotNull();
    }

    @Test
    void propertyForcesOne() {
        assertThat(Secp256k1Provider.choose("bc")).isSameAs(Secp256k1Provider.bouncyCastle());
        assertThat(Secp256k1Provider.choose("BC")).isSameAs(Secp256k1Provider.bouncyCastle());
        if (Secp256k1Provider.jni().isPresent()) {
            assertThat(Secp256k1Provider.choose("jni")).isSameAs(Secp256k1Provider.jni().get());
            assertThat(Secp256k1Provider.choose("jni").name()).isEqualTo("libsecp256k1 (JNI)");
        } else {
            assertThatThrownBy(() -> Secp256k1Provider.choose("jni")).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> Secp256k1Provider.choose("openssl"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bc or jni");
    }
}
