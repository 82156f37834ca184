package io.skywire.wallet.seed;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.CryptoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's seed on disk, sealed under a password: scrypt turns the password into a key, ChaCha20-Poly1305
 * seals the mnemonic with the file header as associated data, and every write replaces the file atomically.
 *
 * <p>Methods that take a password wipe the array before they return, so callers need not.
 */
public final class SeedStore {

    private static final Logger LOG = LoggerFactory.getLogger(SeedStore.class);

    private final Path file;
    private final SecureRandom random;
    private final AtomicFileWriter writer;

    private SeedStore(Path file, SecureRandom random, AtomicFileWriter writer) {
        this.file = file;
        this.random = random;
        this.writer = writer;
    }

    /**
     * Seals {@code mnemonic} under {@code password} into a new file.
     *
     * @throws FileAlreadyExistsException when {@code file} exists: a wallet is never overwritten by creating one
     */
    public static SeedStore create(Path file, Mnemonic mnemonic, char[] password, ScryptParameters parameters,
                                   SecureRandom random) throws IOException {
        return create(file, mnemonic, password, parameters, random, new AtomicFileWriter());
    }

    static SeedStore create(Path file, Mnemonic mnemonic, char[] password, ScryptParameters parameters,
                            SecureRandom random, AtomicFileWriter writer) throws IOException {
        try {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString(), null, "a seed file is already there");
            }
            SeedStore store = new SeedStore(file, random, writer);
            byte[] seed = mnemonic.seed();
            try {
                store.seal(seed, password, parameters, true);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
            LOG.info("created seed file {} (scrypt log2N={} r={} p={})", file, parameters.log2N(), parameters.r(),
                    parameters.p());
            return store;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Opens an existing seed file and checks its header; the seed stays sealed until {@link #reveal}.
     *
     * @throws SeedFileCorruptException when the file is not a seed file this version can read
     */
    public static SeedStore open(Path file, SecureRandom random) throws IOException {
        return open(file, random, new AtomicFileWriter());
    }

    static SeedStore open(Path file, SecureRandom random, AtomicFileWriter writer) throws IOException {
        SeedStore store = new SeedStore(file, random, writer);
        store.read();
        return store;
    }

    /** The file this store reads and writes. */
    public Path file() {
        return file;
    }

    /** The scrypt cost recorded in the file. */
    public ScryptParameters parameters() throws IOException {
        return read().parameters();
    }

    /**
     * Unseals the mnemonic; each call needs the password again.
     *
     * @throws WrongPasswordException when the password does not open the file (the file is not touched)
     */
    public Mnemonic reveal(char[] password) throws IOException, WrongPasswordException {
        try {
            byte[] seed = unseal(read(), password);
            try {
                return Mnemonic.parse(decodeUtf8(seed));
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Re-seals the seed under {@code newPassword} with a fresh salt and nonce, atomically; the cost parameters of
     * the file are kept.
     *
     * @throws WrongPasswordException when {@code oldPassword} is wrong; nothing is written then
     */
    public void changePassword(char[] oldPassword, char[] newPassword) throws IOException, WrongPasswordException {
        try {
            SeedFile current = read();
            byte[] seed = unseal(current, oldPassword);
            try {
                seal(seed, newPassword, current.parameters(), false);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
            LOG.info("seed file {} re-sealed under a new password", file);
        } finally {
            Arrays.fill(oldPassword, '\0');
            Arrays.fill(newPassword, '\0');
        }
    }

    private SeedFile read() throws IOException {
        return SeedFile.decode(Files.readAllBytes(file));
    }

    private void seal(byte[] seed, char[] password, ScryptParameters parameters, boolean create) throws IOException {
        byte[] salt = new byte[SeedFile.SALT_BYTES];
        byte[] nonce = new byte[SeedFile.NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = parameters.deriveKey(password, salt);
        try {
            byte[] header = SeedFile.header(parameters, salt, nonce, seed.length + SeedFile.TAG_BYTES);
            byte[] sealed = new Aead().seal(key, nonce, header, seed);
            byte[] content = new SeedFile(parameters, salt, nonce, sealed).encode();
            if (create) {
                writer.create(file, content);
            } else {
                writer.write(file, content);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] unseal(SeedFile sealedFile, char[] password) throws WrongPasswordException {
        byte[] key = sealedFile.parameters().deriveKey(password, sealedFile.salt());
        try {
            return new Aead().open(key, sealedFile.nonce(), sealedFile.header(), sealedFile.sealed());
        } catch (CryptoException e) {
            throw new WrongPasswordException();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static String decodeUtf8(byte[] seed) throws SeedFileCorruptException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(seed))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SeedFileCorruptException("the unsealed seed is not UTF-8 text");
        }
    }
}
