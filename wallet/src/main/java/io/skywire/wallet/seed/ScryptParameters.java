package io.skywire.wallet.seed;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Cost parameters of scrypt (RFC 7914) for turning a password into a seed-file key; they are stored in the file
 * header so a file stays readable when the defaults change.
 *
 * @param log2N log2 of the CPU/memory cost N
 * @param r the block size
 * @param p the parallelism
 */
public record ScryptParameters(int log2N, int r, int p) {

    /**
     * The default for new files: N = 2^16, r = 8, p = 1 (64 MiB; 0.3 to 0.4 s measured on the 2-core build machine once warm), the
     * interactive-login cost that stays tolerable on a slower laptop.
     */
    public static final ScryptParameters DEFAULT = new ScryptParameters(16, 8, 1);

    /** Cheap parameters for tests only: N = 2^10 derives in about a millisecond and protects nothing. */
    public static final ScryptParameters FOR_TESTS = new ScryptParameters(10, 8, 1);

    /** Largest accepted log2(N); the memory bound below is the one that bites first for usual r. */
    static final int MAX_LOG2N = 22;
    /** Largest accepted scrypt memory, 128 * r * N: 1 GiB, so a damaged or hostile header cannot exhaust memory. */
    static final long MAX_MEMORY_BYTES = 1L << 30;
    static final int MAX_R = 32;
    static final int MAX_P = 16;
    static final int KEY_BYTES = 32;

    public ScryptParameters {
        if (log2N < 1 || log2N > MAX_LOG2N) {
            throw new IllegalArgumentException("scrypt log2(N) must be 1.." + MAX_LOG2N + ", was " + log2N);
        }
        if (r < 1 || r > MAX_R) {
            throw new IllegalArgumentException("scrypt r must be 1.." + MAX_R + ", was " + r);
        }
        if (p < 1 || p > MAX_P) {
            throw new IllegalArgumentException("scrypt p must be 1.." + MAX_P + ", was " + p);
        }
        if (128L * r * (1L << log2N) > MAX_MEMORY_BYTES) {
            throw new IllegalArgumentException("scrypt memory 128*r*N exceeds 1 GiB");
        }
    }

    /** Derives a 32-byte key from {@code password} (UTF-8) and {@code salt}; the password array is not changed. */
    public byte[] deriveKey(char[] password, byte[] salt) {
        byte[] passwordBytes = utf8(password);
        try {
            return SCrypt.generate(passwordBytes, salt, 1 << log2N, r, p, KEY_BYTES);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /** UTF-8 of a char array without an intermediate String, which could not be wiped. */
    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
