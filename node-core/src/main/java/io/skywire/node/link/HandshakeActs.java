package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.Arrays;

/** Sizes and shared parsing rules of the three handshake acts. */
final class HandshakeActs {

    /** The only handshake version defined. */
    static final byte VERSION = 0;
    /** version (1) + ephemeral key (33) + tag (16). */
    static final int ACT_ONE_BYTES = 50;
    /** version (1) + ephemeral key (33) + tag (16). */
    static final int ACT_TWO_BYTES = 50;
    /** version (1) + encrypted static key (33 + 16) + tag (16). */
    static final int ACT_THREE_BYTES = 66;
    static final byte[] EMPTY = new byte[0];

    private HandshakeActs() {
    }

    static Secp256k1 curve() {
        return Secp256k1Provider.get();
    }

    /** Checks length and version; both must hold before any byte of the act is interpreted. */
    static void checkFrame(byte[] act, int expectedLength, String name) {
        if (act == null || act.length != expectedLength) {
            throw new HandshakeException(HandshakeException.Reason.BAD_LENGTH,
                    name + " must be " + expectedLength + " bytes, was " + (act == null ? "null" : act.length));
        }
        if (act[0] != VERSION) {
            throw new HandshakeException(HandshakeException.Reason.BAD_VERSION,
                    name + " has version " + (act[0] & 0xFF));
        }
    }

    /** Reads and validates the 33-byte compressed key at {@code offset}. */
    static byte[] publicKeyAt(byte[] act, int offset, String name) {
        byte[] key = Arrays.copyOfRange(act, offset, offset + NodeId.BYTES);
        validatePublicKey(key, name);
        return key;
    }

    static void validatePublicKey(byte[] key, String name) {
        // parsePublicKey also accepts 65-byte keys; the wire format allows only the 33-byte compressed form.
        if (key[0] != 0x02 && key[0] != 0x03) {
            throw new HandshakeException(HandshakeException.Reason.BAD_PUBLIC_KEY,
                    name + " key has prefix " + (key[0] & 0xFF));
        }
        try {
            curve().parsePublicKey(key);
        } catch (CryptoException e) {
            throw new HandshakeException(HandshakeException.Reason.BAD_PUBLIC_KEY, name + " key: " + e.getMessage(), e);
        }
    }

    static byte[] ecdh(byte[] secret, byte[] publicKey) {
        try {
            return curve().ecdh(secret, publicKey);
        } catch (CryptoException e) {
            throw new HandshakeException(HandshakeException.Reason.BAD_PUBLIC_KEY, "ECDH refused: " + e.getMessage(), e);
        }
    }

    static byte[] concat(byte version, byte[] first, byte[] second) {
        byte[] out = new byte[1 + first.length + second.length];
        out[0] = version;
        System.arraycopy(first, 0, out, 1, first.length);
        System.arraycopy(second, 0, out, 1 + first.length, second.length);
        return out;
    }
}
