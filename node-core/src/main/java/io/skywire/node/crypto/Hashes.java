package io.skywire.node.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC-SHA256 and HKDF-SHA256 (RFC 5869) over byte arrays. */
public final class Hashes {

    private Hashes() {
    }

    /** SHA-256 of the concatenation of the given parts. */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = sha256Digest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** HMAC-SHA256 of the concatenation of {@code parts} under {@code key}. */
    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses an empty key; HMAC pads short keys with zeros to its 64-byte block,
            // so 64 zero bytes are the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[64] : key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /**
     * HKDF-SHA256 with an empty info, returning {@code outputs} consecutive 32-byte blocks (T(1), T(2), ...),
     * as Noise's HKDF(chaining_key, input_key_material, n) does.
     */
    public static byte[][] hkdf(byte[] salt, byte[] inputKeyMaterial, int outputs) {
        if (outputs < 1 || outputs > 4) {
            throw new IllegalArgumentException("hkdf outputs must be 1..4, was " + outputs);
        }
        byte[] prk = hmacSha256(salt, inputKeyMaterial);
        byte[][] result = new byte[outputs][];
        byte[] previous = new byte[0];
        for (int i = 0; i < outputs; i++) {
            previous = hmacSha256(prk, previous, new byte[] {(byte) (i + 1)});
            result[i] = previous;
        }
        return result;
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
