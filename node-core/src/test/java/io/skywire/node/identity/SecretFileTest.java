package io.skywire.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path dir;

    private static byte[] filled(int value) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) value);
        return secret;
    }

    @Test
    void createsOwnerOnlyOnceAndReadsTheSameSecretAfterwards() throws IOException {
        Path file = dir.resolve("nested/secret.key");
        assertThat(SecretFile.loadOrCreate(file, () -> filled(7))).isEqualTo(filled(7));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // An existing file is never replaced: the supplier is not even asked.
        assertThat(SecretFile.loadOrCreate(file, () -> {
            throw new AssertionError("must not create a second secret");
        })).isEqualTo(filled(7));
    }

    @Test
    void refusesAFileThatDoesNotHoldThirtyTwoBytesOfHex() throws IOException {
        Path notHex = Files.writeString(dir.resolve("a.key"), "not hex at all\n");
        assertThatThrownBy(() -> SecretFile.loadOrCreate(notHex, () -> filled(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("hex");
        Path shortKey = Files.writeString(dir.resolve("b.key"), "00ff\n");
        assertThatThrownBy(() -> SecretFile.loadOrCreate(shortKey, () -> filled(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("holds 2");
        Path empty = Files.writeString(dir.resolve("c.key"), "");
        assertThatThrownBy(() -> SecretFile.loadOrCreate(empty, () -> filled(1))).isInstanceOf(IOException.class);
    }
}
