package io.skywire.node.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) with a 32-byte key and a 12-byte nonce, through the JDK's provider
 * (which has intrinsics on newer JDKs). Not thread-safe: one instance per direction of a link.
 *
 * <p>Nonce management is the caller's job: this class is a stateless primitive and will seal twice under the
 * same key and nonce if asked to.
 */
public final class Aead {

    /** Key length in bytes. */
    public static final int KEY_BYTES = 32;
    /** Nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** Authentication tag length in bytes. */
    public static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "ChaCha20-Poly1305";

    private Cipher cipher;

    public Aead() {
        cipher = newCipher();
    }

    /**
     * Encrypts {@code plaintext[offset, offset+length)} into {@code out} at {@code outOffset}; returns bytes written (length + 16).
     *
     * @throws IllegalArgumentException when the key is not 32 bytes or the nonce not 12
     */
    public int seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length,
                    byte[] out, int outOffset) {
        checkSizes(key, nonce);
        try {
            init(Cipher.ENCRYPT_MODE, key, nonce);
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(plaintext, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("ChaCha20-Poly1305 encryption failed: " + e.getMessage(), e);
        }
    }

    /** Encrypts and returns ciphertext || tag; sizes are checked as by the method above. */
    public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        seal(key, nonce, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Decrypts ciphertext || tag into {@code out}; returns the plaintext length.
     *
     * @throws CryptoException when the tag does not verify (the output is then undefined)
     * @throws IllegalArgumentException when the key is not 32 bytes or the nonce not 12
     */
    public int open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length,
                    byte[] out, int outOffset) {
        checkSizes(key, nonce);
        if (length < TAG_BYTES) {
            throw new CryptoException("sealed message shorter than its tag: " + length + " bytes");
        }
        try {
            init(Cipher.DECRYPT_MODE, key, nonce);
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(sealed, offset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            throw new CryptoException("authentication tag mismatch", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("ChaCha20-Poly1305 decryption failed: " + e.getMessage(), e);
        }
    }

    /** Decrypts ciphertext || tag and returns the plaintext; refuses as the method above does. */
    public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        checkSizes(key, nonce);
        if (sealed.length < TAG_BYTES) {
            throw new CryptoException("sealed message shorter than its tag: " + sealed.length + " bytes");
        }
        byte[] out = new byte[sealed.length - TAG_BYTES];
        open(key, nonce, aad, sealed, 0, sealed.length, out, 0);
        return out;
    }

    private static void checkSizes(byte[] key, byte[] nonce) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be " + KEY_BYTES + " bytes, was "
                    + (key == null ? "null" : key.length));
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be " + NONCE_BYTES + " bytes, was "
                    + (nonce == null ? "null" : nonce.length));
        }
    }

    private void init(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        SecretKeySpec keySpec = new SecretKeySpec(key, "ChaCha20");
        IvParameterSpec nonceSpec = new IvParameterSpec(nonce);
        try {
            cipher.init(mode, keySpec, nonceSpec);
        } catch (InvalidKeyException e) {
            // SunJCE refuses to re-init with the key and nonce of its previous init, even to decrypt what it just
            // sealed. Sizes are checked above, so that is the only cause left: a fresh Cipher has no history.
            // Only this rare path pays for the new instance.
            cipher = newCipher();
            cipher.init(mode, keySpec, nonceSpec);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is missing from this JDK", e);
        }
    }
}
