package io.skywire.node.link;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.Arrays;
import java.util.HexFormat;

/** A neighbour's static public key (33-byte compressed secp256k1 point), the identity a link authenticates. */
public final class PeerKey {

    /** Encoded length in bytes. */
    public static final int BYTES = 33;

    private final byte[] encoded;

    private PeerKey(byte[] encoded) {
        this.encoded = encoded;
    }

    /**
     * Parses and validates a compressed public key.
     *
     * @throws CryptoException when the bytes are not a valid compressed curve point
     */
    public static PeerKey of(byte[] compressed) {
        if (compressed == null || compressed.length != BYTES) {
            throw new CryptoException("peer key must be " + BYTES + " bytes");
        }
        return new PeerKey(Secp256k1Provider.get().parsePublicKey(compressed));
    }

    /** A copy of the 33 encoded bytes. */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /** Lower-case hex of the encoded key. */
    public String toHex() {
        return HexFormat.of().formatHex(encoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "PeerKey[" + toHex() + "]";
    }
}
