package io.skywire.wallet.seed;

import io.skywire.node.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A 12-word BIP39 English mnemonic (128 bits of entropy and a 4-bit checksum); its text, as UTF-8, is the
 * Skycoin wallet seed.
 *
 * @param words the twelve words, lower case
 */
public record Mnemonic(List<String> words) {

    /** Words in a phrase. */
    public static final int WORDS = 12;
    /** Entropy bytes behind a phrase. */
    public static final int ENTROPY_BYTES = 16;
    private static final int BITS_PER_WORD = 11;
    private static final int CHECKSUM_BITS = 4;

    public Mnemonic {
        words = List.copyOf(words);
        if (words.size() != WORDS) {
            throw new MnemonicException(MnemonicException.Reason.WORD_COUNT, 0,
                    "a mnemonic has " + WORDS + " words, this one has " + words.size());
        }
    }

    /** A new phrase from {@code random}. */
    public static Mnemonic generate(SecureRandom random) {
        byte[] entropy = new byte[ENTROPY_BYTES];
        random.nextBytes(entropy);
        return fromEntropy(entropy);
    }

    /** The phrase that encodes 16 bytes of entropy. */
    public static Mnemonic fromEntropy(byte[] entropy) {
        if (entropy.length != ENTROPY_BYTES) {
            throw new IllegalArgumentException("entropy must be " + ENTROPY_BYTES + " bytes, was " + entropy.length);
        }
        // 128 entropy bits followed by the first 4 bits of SHA-256(entropy): 132 bits, 12 groups of 11.
        byte[] bits = new byte[ENTROPY_BYTES + 1];
        System.arraycopy(entropy, 0, bits, 0, ENTROPY_BYTES);
        bits[ENTROPY_BYTES] = Hashes.sha256(entropy)[0];
        Bip39Wordlist list = Bip39Wordlist.english();
        List<String> words = new ArrayList<>(WORDS);
        for (int w = 0; w < WORDS; w++) {
            int index = 0;
            for (int b = 0; b < BITS_PER_WORD; b++) {
                int bit = w * BITS_PER_WORD + b;
                index = (index << 1) | ((bits[bit / 8] >> (7 - bit % 8)) & 1);
            }
            words.add(list.word(index));
        }
        return new Mnemonic(words);
    }

    /**
     * Parses a phrase typed by a person: case and surrounding or repeated white space do not matter.
     *
     * @throws MnemonicException naming the first unknown word, a wrong word count, or a checksum failure
     */
    public static Mnemonic parse(CharSequence text) {
        String normalized = text.toString().strip().toLowerCase(Locale.ROOT);
        List<String> words = normalized.isEmpty() ? List.of() : List.of(normalized.split("\\s+"));
        if (words.size() != WORDS) {
            throw new MnemonicException(MnemonicException.Reason.WORD_COUNT, 0,
                    "a mnemonic has " + WORDS + " words, this one has " + words.size());
        }
        Bip39Wordlist list = Bip39Wordlist.english();
        for (int i = 0; i < words.size(); i++) {
            if (list.indexOf(words.get(i)) < 0) {
                throw new MnemonicException(MnemonicException.Reason.UNKNOWN_WORD, i + 1,
                        "word " + (i + 1) + " '" + words.get(i) + "' is not in the BIP39 English wordlist");
            }
        }
        Mnemonic mnemonic = new Mnemonic(words);
        mnemonic.checkedEntropy();
        return mnemonic;
    }

    /**
     * The 16 bytes of entropy the phrase encodes.
     *
     * @throws MnemonicException when the checksum does not match (a word was mistyped into another valid word)
     */
    public byte[] entropy() {
        return checkedEntropy();
    }

    /** The phrase: the words separated by single spaces. */
    public String text() {
        return String.join(" ", words);
    }

    /** The Skycoin seed: the UTF-8 bytes of {@link #text()}. */
    public byte[] seed() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] checkedEntropy() {
        Bip39Wordlist list = Bip39Wordlist.english();
        byte[] bits = new byte[ENTROPY_BYTES + 1];
        for (int w = 0; w < WORDS; w++) {
            int index = list.indexOf(words.get(w));
            if (index < 0) {
                throw new MnemonicException(MnemonicException.Reason.UNKNOWN_WORD, w + 1,
                        "word " + (w + 1) + " '" + words.get(w) + "' is not in the BIP39 English wordlist");
            }
            for (int b = 0; b < BITS_PER_WORD; b++) {
                if (((index >> (BITS_PER_WORD - 1 - b)) & 1) != 0) {
                    int bit = w * BITS_PER_WORD + b;
                    bits[bit / 8] |= (byte) (1 << (7 - bit % 8));
                }
            }
        }
        byte[] entropy = Arrays.copyOf(bits, ENTROPY_BYTES);
        int expected = (Hashes.sha256(entropy)[0] >> (8 - CHECKSUM_BITS)) & 0x0f;
        int actual = (bits[ENTROPY_BYTES] >> (8 - CHECKSUM_BITS)) & 0x0f;
        if (expected != actual) {
            throw new MnemonicException(MnemonicException.Reason.CHECKSUM, 0,
                    "the mnemonic's checksum does not match: a word is wrong or the words are out of order");
        }
        return entropy;
    }

    @Override
    public String toString() {
        // The phrase is the wallet: never in logs.
        return "Mnemonic[12 words]";
    }
}
