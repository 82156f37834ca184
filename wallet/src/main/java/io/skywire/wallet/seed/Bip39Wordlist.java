package io.skywire.wallet.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The standard BIP39 English wordlist (2048 words, sorted), shipped as a resource. */
public final class Bip39Wordlist {

    /** Number of words in a BIP39 list. */
    public static final int SIZE = 2048;
    static final String RESOURCE = "bip39-english.txt";

    private static final Bip39Wordlist ENGLISH = load();

    private final List<String> words;
    private final Map<String, Integer> indexes;

    private Bip39Wordlist(List<String> words) {
        this.words = Collections.unmodifiableList(words);
        Map<String, Integer> byWord = new HashMap<>(SIZE * 2);
        for (int i = 0; i < words.size(); i++) {
            byWord.put(words.get(i), i);
        }
        this.indexes = byWord;
    }

    /** The English list. */
    public static Bip39Wordlist english() {
        return ENGLISH;
    }

    /** The word at {@code index} (0..2047). */
    public String word(int index) {
        return words.get(index);
    }

    /** The index of {@code word}, or -1 when it is not in the list. */
    public int indexOf(String word) {
        Integer index = indexes.get(word);
        return index == null ? -1 : index;
    }

    /** All words, in list order. */
    public List<String> words() {
        return words;
    }

    private static Bip39Wordlist load() {
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("BIP39 wordlist resource " + RESOURCE + " is missing");
            }
            List<String> words = new ArrayList<>(SIZE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    words.add(line.strip());
                }
            }
            if (words.size() != SIZE) {
                throw new IllegalStateException("BIP39 wordlist has " + words.size() + " words, expected " + SIZE);
            }
            return new Bip39Wordlist(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIP39 wordlist", e);
        }
    }
}
