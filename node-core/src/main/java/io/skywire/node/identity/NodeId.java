package io.skywire.node.identity;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A node's identity: its 33-byte compressed secp256k1 public key, checked to be a curve point on construction.
 *
 * @param key the compressed public key; copied in and out, so a NodeId never changes
 */
public record NodeId(byte[] key) {

    /** Length of a node id in bytes. */
    public static final int BYTES = Secp256k1.PUBLIC_KEY_BYTES;

    private static final HexFormat HEX = HexFormat.of();
    private static final int FINGERPRINT_BYTES = 8;

    /**
     * @throws IllegalArgumentException when {@code key} is not 33 bytes of a compressed point on secp256k1
     */
    public NodeId {
        if (key == null || key.length != BYTES) {
            throw new IllegalArgumentException("node id must be " + BYTES + " bytes, was "
                    + (key == null ? "null" : key.length));
        }
        if (key[0] != 0x02 && key[0] != 0x03) {
            throw new IllegalArgumentException(String.format(
                    "node id must be a compressed public key starting 02 or 03, starts %02x", key[0]));
        }
        key = key.clone();
        try {
            Secp256k1Provider.get().parsePublicKey(key);
        } catch (CryptoException e) {
            throw new IllegalArgumentException("node id is not a point on secp256k1: " + e.getMessage(), e);
        }
    }

    /**
     * Parses 66 hex digits (either case).
     *
     * @throws IllegalArgumentException naming what is wrong: length, a non-hex character and where, or the point
     */
    public static NodeId fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("node id hex is null");
        }
        if (hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("node id must be " + BYTES * 2 + " hex digits, was " + hex.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("node id has a non-hex character '" + hex.charAt(i)
                        + "' at position " + i);
            }
        }
        return new NodeId(HEX.parseHex(hex));
    }

    /** A copy of the compressed public key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The 66 lower-case hex digits of the key. */
    public String hex() {
        return HEX.formatHex(key);
    }

    /**
     * A short form for people to compare by eye: the first 8 bytes of SHA-256(key) as four dash-separated groups
     * of four hex digits, such as {@code ab12-cd34-ef56-7890}. Hashing first spreads a difference anywhere in the
     * key over the fingerprint; 64 bits are enough to spot a mistake, not to resist a forger.
     */
    public String fingerprint() {
        String digits = HEX.formatHex(Hashes.sha256(key), 0, FINGERPRINT_BYTES);
        StringBuilder out = new StringBuilder(digits.length() + 3);
        for (int i = 0; i < digits.length(); i += 4) {
            if (i > 0) {
                out.append('-');
            }
            out.append(digits, i, i + 4);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeId that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "NodeId[" + hex() + "]";
    }
}
