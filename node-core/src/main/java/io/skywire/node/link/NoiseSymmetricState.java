package io.skywire.node.link;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;

/** Noise's chaining key and transcript hash, with the mixing and AEAD steps the three acts share. */
final class NoiseSymmetricState {

    private static final byte[] EMPTY = new byte[0];

    private final Aead aead = new Aead();
    private byte[] chainingKey;
    private byte[] hash;

    NoiseSymmetricState(NoiseProfile profile, byte[] responderStatic) {
        // BOLT 8 hashes the name even though Noise would pad names of 32 bytes or less; we follow BOLT 8
        // so its published vectors apply.
        hash = Hashes.sha256(profile.protocolNameBytes());
        chainingKey = hash;
        mixHash(profile.prologueBytes());
        mixHash(responderStatic);
    }

    void mixHash(byte[] data) {
        hash = Hashes.sha256(hash, data);
    }

    /** Mixes a Diffie-Hellman output into the chaining key and returns the next temporary key. */
    byte[] mixKey(byte[] sharedSecret) {
        byte[][] out = Hashes.hkdf(chainingKey, sharedSecret, 2);
        chainingKey = out[0];
        return out[1];
    }

    byte[] encryptAndHash(byte[] key, long nonce, byte[] plaintext) {
        byte[] sealed = aead.seal(key, Nonces.of(nonce), hash, plaintext);
        mixHash(sealed);
        return sealed;
    }

    byte[] decryptAndHash(byte[] key, long nonce, byte[] sealed, String what) {
        byte[] plaintext;
        try {
            plaintext = aead.open(key, Nonces.of(nonce), hash, sealed);
        } catch (CryptoException e) {
            throw new HandshakeException(HandshakeException.Reason.BAD_TAG, what + " failed authentication", e);
        }
        mixHash(sealed);
        return plaintext;
    }

    /** The two transport keys, in initiator-to-responder then responder-to-initiator order. */
    byte[][] split() {
        return Hashes.hkdf(chainingKey, EMPTY, 2);
    }

    byte[] chainingKey() {
        return chainingKey.clone();
    }

    byte[] hash() {
        return hash.clone();
    }
}
