package io.skywire.node.link;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.Hashes;

/** Layout of a sealed transport frame: header (epoch byte, 64-bit big-endian counter), then ciphertext and tag. */
final class TransportFrame {

    /** epoch (1) + counter (8). */
    static final int HEADER_BYTES = 9;
    /** Header, a type byte and the tag: the smallest frame that can authenticate. */
    static final int MIN_BYTES = HEADER_BYTES + 1 + Aead.TAG_BYTES;
    /** Frame bytes beyond the application payload. */
    static final int OVERHEAD = MIN_BYTES;

    private TransportFrame() {
    }

    static byte[] header(long epoch, long counter) {
        byte[] header = new byte[HEADER_BYTES];
        header[0] = (byte) epoch;
        for (int i = 0; i < 8; i++) {
            header[1 + i] = (byte) (counter >>> (56 - 8 * i));
        }
        return header;
    }

    static int epochByte(byte[] frame) {
        return frame[0] & 0xFF;
    }

    static long counter(byte[] frame) {
        long counter = 0;
        for (int i = 1; i <= 8; i++) {
            counter = (counter << 8) | (frame[i] & 0xFFL);
        }
        return counter;
    }

    /** ECDH for a rekey; the key was validated when the control message was parsed, so failure is a breach. */
    static byte[] ecdh(byte[] secret, byte[] publicKey) {
        try {
            return HandshakeActs.curve().ecdh(secret, publicKey);
        } catch (io.skywire.node.crypto.CryptoException e) {
            throw new LinkProtocolException(LinkBreach.MALFORMED_CONTROL, "rekey ECDH refused: " + e.getMessage());
        }
    }

    /**
     * The next (chaining key, transport key) of one direction: HKDF-SHA256 with the direction's chaining key
     * as salt and the fresh ECDH secret followed by the current transport key as input, so the new key
     * depends on every earlier key as well as on the new exchange.
     */
    static byte[][] nextKeys(byte[] chainingKey, byte[] transportKey, byte[] sharedSecret) {
        byte[] ikm = new byte[sharedSecret.length + transportKey.length];
        System.arraycopy(sharedSecret, 0, ikm, 0, sharedSecret.length);
        System.arraycopy(transportKey, 0, ikm, sharedSecret.length, transportKey.length);
        byte[][] out = Hashes.hkdf(chainingKey, ikm, 2);
        java.util.Arrays.fill(ikm, (byte) 0);
        return out;
    }
}
