package io.skywire.node.link;

/** Builds the 96-bit ChaCha20-Poly1305 nonce from a 64-bit counter, in Noise's layout. */
final class Nonces {

    private Nonces() {
    }

    /** Four zero bytes, then the counter little-endian (Noise and BOLT 8 use this exact layout). */
    static byte[] of(long counter) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }
}
