package io.skywire.node.crypto;

/**
 * The secp256k1 operations Skywire needs, with Skycoin's conventions: compressed 33-byte public keys,
 * 65-byte compact recoverable signatures (r || s || recovery id) with low S, and ECDH as
 * SHA-256 of the compressed shared point.
 *
 * <p>Implementations are thread-safe. Every method refuses malformed input with a
 * {@link CryptoException}; none returns a result for an invalid key.
 */
public interface Secp256k1 {

    /** Length of a secret key in bytes. */
    int SECRET_KEY_BYTES = 32;
    /** Length of a compressed public key in bytes. */
    int PUBLIC_KEY_BYTES = 33;
    /** Length of a compact recoverable signature in bytes. */
    int SIGNATURE_BYTES = 65;

    /** A short name for logs and benchmarks, such as "libsecp256k1 (JNI)". */
    String name();

    /** True when {@code secret} is 32 bytes encoding an integer in [1, n-1]. */
    boolean isValidSecretKey(byte[] secret);

    /** The compressed public key of a valid secret key. */
    byte[] publicKey(byte[] secret);

    /**
     * Parses a public key in compressed (33 bytes) or uncompressed (65 bytes) SEC1 form, checks that
     * the point is on the curve and not infinity, and returns it compressed.
     */
    byte[] parsePublicKey(byte[] encoded);

    /** The compressed point {@code scalar * publicKey}; the scalar must be a valid secret key. */
    byte[] multiply(byte[] publicKey, byte[] scalar);

    /** SHA-256 of the compressed point {@code secret * publicKey}, as libsecp256k1 and Skycoin compute it. */
    byte[] ecdh(byte[] secret, byte[] publicKey);

    /** Deterministic (RFC 6979) low-S signature of a 32-byte hash: r || s || recovery id. */
    byte[] sign(byte[] secret, byte[] hash32);

    /**
     * Verifies a signature of a 32-byte hash: 64 bytes (r || s) or 65 bytes (r || s || recovery id,
     * the id ignored). A high-S signature is refused (returns false).
     *
     * <p>Anything wrong with the signature (length, r or s zero or not below n, high S) returns false; an invalid
     * public key or a hash that is not 32 bytes throws {@link CryptoException}.
     */
    boolean verify(byte[] signature, byte[] hash32, byte[] publicKey);

    /** Verifies a strict-DER signature with the same rules as {@link #verify}; malformed DER returns false. */
    default boolean verifyDer(byte[] derSignature, byte[] hash32, byte[] publicKey) {
        // One strict DER parser for every implementation, so that they agree on what is strict.
        byte[] compact = SignatureFormat.derToCompact(derSignature);
        if (compact == null) {
            // Still refuse a malformed hash or key with an exception, as verify does.
            SignatureFormat.checkHash(hash32);
            parsePublicKey(publicKey);
            return false;
        }
        return verify(compact, hash32, publicKey);
    }

    /**
     * Recovers the compressed public key from a 65-byte compact recoverable signature; a signature that
     * {@link #verify} would refuse (high S, r or s out of range) or a recovery id above 3 throws
     * {@link CryptoException}.
     */
    byte[] recover(byte[] signature65, byte[] hash32);
}
