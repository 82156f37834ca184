package io.skywire.node.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) with a 32-byte key and a 12-byte nonce, through the JDK's provider
 * (which has intrinsics on newer JDKs). Not thread-safe: one instance per direction of a link.
 */
public final class Aead {

    /** Key length in bytes. */
    public static final int KEY_BYTES = 32;
    /** Nonce length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** Authentication tag length in bytes. */
    public static final int TAG_BYTES = 16;

    private final Cipher cipher;

    public Aead() {
        try {
            cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 is missing from this JDK", e);
        }
    }

    /** Encrypts {@code plaintext[offset, offset+length)} into {@code out} at {@code outOffset}; returns bytes written (length + 16). */
    public int seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length,
                    byte[] out, int outOffset) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(plaintext, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("ChaCha20-Poly1305 encryption failed: " + e.getMessage(), e);
        }
    }

    /** Encrypts and returns ciphertext || tag. */
    public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        seal(key, nonce, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Decrypts ciphertext || tag into {@code out}; returns the plaintext length.
     *
     * @throws CryptoException when the tag does not verify (the output is then undefined)
     */
    public int open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length,
                    byte[] out, int outOffset) {
        if (length < TAG_BYTES) {
            throw new CryptoException("sealed message shorter than its tag: " + length + " bytes");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
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

    /** Decrypts ciphertext || tag and returns the plaintext. */
    public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        if (sealed.length < TAG_BYTES) {
            throw new CryptoException("sealed message shorter than its tag: " + sealed.length + " bytes");
        }
        byte[] out = new byte[sealed.length - TAG_BYTES];
        open(key, nonce, aad, sealed, 0, sealed.length, out, 0);
        return out;
    }
}
