package io.skywire.wallet.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sealed seed file: round trip, wrong passwords, password change, atomic replacement, damaged files. */
class SeedStoreTest {

    private static final Logger LOG = LoggerFactory.getLogger(SeedStoreTest.class);
    private static final Mnemonic MNEMONIC = Mnemonic.parse(
            "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private SeedStore create(Path file, String password) throws IOException {
        return SeedStore.create(file, MNEMONIC, password.toCharArray(), ScryptParameters.FOR_TESTS, RANDOM);
    }

    @Test
    void revealsTheSeedWithThePassword() throws Exception {
        Path file = dir.resolve("wallet.seed");
        create(file, "correct horse");
        SeedStore reopened = SeedStore.open(file, RANDOM);
        assertThat(reopened.reveal("correct horse".toCharArray())).isEqualTo(MNEMONIC);
        assertThat(reopened.parameters()).isEqualTo(ScryptParameters.FOR_TESTS);
        assertThat(Files.size(file)).isEqualTo(SeedFile.HEADER_BYTES + MNEMONIC.seed().length + SeedFile.TAG_BYTES);
    }

    @Test
    void onlyTheOwnerCanReadTheFile() throws Exception {
        Path file = dir.resolve("wallet.seed");
        SeedStore store = create(file, "pw");
        Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        store.changePassword("pw".toCharArray(), "pw2".toCharArray());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void wipesPasswordArrays() throws Exception {
        Path file = dir.resolve("wallet.seed");
        char[] password = "secret".toCharArray();
        SeedStore store = SeedStore.create(file, MNEMONIC, password, ScryptParameters.FOR_TESTS, RANDOM);
        assertThat(password).containsOnly('\0');
        char[] again = "secret".toCharArray();
        store.reveal(again);
        assertThat(again).containsOnly('\0');
        char[] wrong = "nope".toCharArray();
        assertThatThrownBy(() -> store.reveal(wrong)).isInstanceOf(WrongPasswordException.class);
        assertThat(wrong).containsOnly('\0');
    }

    @Test
    void aWrongPasswordIsRefusedAndTheFileIsUntouched() throws Exception {
        Path file = dir.resolve("wallet.seed");
        SeedStore store = create(file, "right");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> store.reveal("wrong".toCharArray()))
                .isInstanceOf(WrongPasswordException.class).hasMessage("wrong password");
        assertThatThrownBy(() -> store.changePassword("wrong".toCharArray(), "new".toCharArray()))
                .isInstanceOf(WrongPasswordException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(store.reveal("right".toCharArray())).isEqualTo(MNEMONIC);
    }

    @Test
    void neverOverwritesAnExistingWallet() throws Exception {
        Path file = dir.resolve("wallet.seed");
        create(file, "first");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> create(file, "second")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void changesThePassword() throws Exception {
        Path file = dir.resolve("wallet.seed");
        SeedStore store = create(file, "old");
        byte[] before = Files.readAllBytes(file);
        store.changePassword("old".toCharArray(), "new".toCharArray());
        byte[] after = Files.readAllBytes(file);
        // Fresh salt and nonce: nothing but magic, version and parameters is shared.
        assertThat(Arrays.copyOfRange(after, 14, 42)).isNotEqualTo(Arrays.copyOfRange(before, 14, 42));
        assertThatThrownBy(() -> store.reveal("old".toCharArray())).isInstanceOf(WrongPasswordException.class);
        assertThat(SeedStore.open(file, RANDOM).reveal("new".toCharArray())).isEqualTo(MNEMONIC);
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact() throws Exception {
        Path file = dir.resolve("wallet.seed");
        create(file, "old");
        byte[] before = Files.readAllBytes(file);
        AtomicFileWriter failing = new AtomicFileWriter(temporary -> {
            assertThat(temporary).exists().hasParent(dir);
            throw new IOException("simulated crash before rename");
        });
        SeedStore store = SeedStore.open(file, RANDOM, failing);
        assertThatThrownBy(() -> store.changePassword("old".toCharArray(), "new".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("simulated");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(SeedStore.open(file, RANDOM).reveal("old".toCharArray())).isEqualTo(MNEMONIC);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void creatingNeverReplacesAFileThatAppearsMeanwhile() throws Exception {
        Path file = dir.resolve("wallet.seed");
        byte[] theirs = "another process's wallet".getBytes();
        AtomicFileWriter racing = new AtomicFileWriter(temporary -> Files.write(file, theirs));
        assertThatThrownBy(() -> SeedStore.create(file, MNEMONIC, "pw".toCharArray(), ScryptParameters.FOR_TESTS,
                RANDOM, racing)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(theirs);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedCreateLeavesNoFile() {
        Path file = dir.resolve("wallet.seed");
        AtomicFileWriter failing = new AtomicFileWriter(temporary -> {
            throw new IOException("disk full");
        });
        assertThatThrownBy(() -> SeedStore.create(file, MNEMONIC, "pw".toCharArray(), ScryptParameters.FOR_TESTS,
                RANDOM, failing)).isInstanceOf(IOException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void refusesDamagedFiles() throws Exception {
        Path file = dir.resolve("wallet.seed");
        create(file, "pw");
        byte[] good = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> SeedStore.open(file, RANDOM)).isInstanceOf(SeedFileCorruptException.class)
                .hasMessageContaining("header says");
        Files.write(file, Arrays.copyOf(good, 10));
        assertThatThrownBy(() -> SeedStore.open(file, RANDOM)).isInstanceOf(SeedFileCorruptException.class);

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(file, badMagic);
        assertThatThrownBy(() -> SeedStore.open(file, RANDOM)).hasMessageContaining("magic");

        byte[] futureVersion = good.clone();
        futureVersion[8] = 2;
        Files.write(file, futureVersion);
        assertThatThrownBy(() -> SeedStore.open(file, RANDOM)).hasMessageContaining("version 2");

        byte[] hugeMemory = good.clone();
        hugeMemory[10] = 21; // 2^21 * 8 * 128 bytes = 2 GiB
        Files.write(file, hugeMemory);
        assertThatThrownBy(() -> SeedStore.open(file, RANDOM)).isInstanceOf(SeedFileCorruptException.class)
                .hasMessageContaining("1 GiB");

        byte[] hugeCost = good.clone();
        hugeCost[10] = 40;
        Files.write(file, hugeCost);
        assertThatThrownBy(() -> SeedStore.open(file, RANDOM)).isInstanceOf(SeedFileCorruptException.class)
                .hasMessageContaining("scrypt");

        // A flipped bit in the header's salt or in the ciphertext fails authentication like a wrong password.
        for (int position : new int[] {20, SeedFile.HEADER_BYTES + 3, good.length - 1}) {
            byte[] flipped = good.clone();
            flipped[position] ^= 0x01;
            Files.write(file, flipped);
            SeedStore store = SeedStore.open(file, RANDOM);
            assertThatThrownBy(() -> store.reveal("pw".toCharArray())).isInstanceOf(WrongPasswordException.class);
        }
    }

    @Test
    void defaultParametersCostAFractionOfASecond() {
        byte[] salt = new byte[16];
        long start = System.nanoTime();
        ScryptParameters.DEFAULT.deriveKey("password".toCharArray(), salt);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("scrypt log2N={} r={} p={}: {} ms", ScryptParameters.DEFAULT.log2N(), ScryptParameters.DEFAULT.r(),
                ScryptParameters.DEFAULT.p(), millis);
        assertThat(millis).as("default scrypt cost").isLessThan(5_000);
    }
}
