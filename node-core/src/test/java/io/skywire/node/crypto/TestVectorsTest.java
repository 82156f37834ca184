package io.skywire.node.crypto;

import io.skywire.node.testing.TestVectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A missing vector file must fail the test, never skip it; the shared folder is found by walking up. */
final class TestVectorsTest {

    @Test
    void findsSharedBesideTheCloneFromTheModuleDirectory() {
        Path file = TestVectors.locate("wycheproof/chacha20_poly1305_test.json");
        assertThat(file).isRegularFile();
        assertThat(file.getParent().getParent().getFileName()).hasToString("testvectors");
    }

    @Test
    void missingFileFailsWithAClearMessage() {
        assertThatThrownBy(() -> TestVectors.locate("wycheproof/nonexistent.json", null, Path.of("/")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("shared/testvectors/wycheproof/nonexistent.json not found")
                .hasMessageContaining("-D" + TestVectors.PROPERTY);
        assertThatThrownBy(() -> TestVectors.locate("wycheproof/ecdh_secp256k1_test.json", "/no/such/dir", Path.of("/")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/no/such/dir");
    }
}
