package io.skywire.wallet.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.crypto.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped wordlist is the standard BIP39 English list, byte for byte. */
class Bip39WordlistTest {

    /** sha256sum of english.txt as published with BIP39 (words and newlines). */
    private static final String FILE_SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";
    /** SHA-256 of the words concatenated without separators, the check bitcoinj's MnemonicCode makes. */
    private static final String WORDS_SHA256 = "ad90bf3beb7b0eb7e5acd74727dc0da96e0a280a258354e7293fb7e211ac03db";

    @Test
    void hasTheStandardHashes() throws IOException {
        byte[] file;
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(Bip39Wordlist.RESOURCE)) {
            assertThat(in).isNotNull();
            file = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(Hashes.sha256(file))).isEqualTo(FILE_SHA256);
        String concatenated = String.join("", Bip39Wordlist.english().words());
        assertThat(HexFormat.of().formatHex(Hashes.sha256(concatenated.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(WORDS_SHA256);
    }

    @Test
    void has2048SortedUniqueWords() {
        List<String> words = Bip39Wordlist.english().words();
        assertThat(words).hasSize(2048).isSorted();
        assertThat(new HashSet<>(words)).hasSize(2048);
        assertThat(words.get(0)).isEqualTo("abandon");
        assertThat(words.get(2047)).isEqualTo("zoo");
        assertThat(Bip39Wordlist.english().indexOf("zoo")).isEqualTo(2047);
        assertThat(Bip39Wordlist.english().indexOf("zzz")).isEqualTo(-1);
    }
}
