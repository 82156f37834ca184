package io.skywire.wallet.skycoin;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.List;

/**
 * The Skycoin reference wallet's deterministic key chain: the i-th key pair of a seed is the one its
 * i-th iteration yields, so a seed alone restores every address of a wallet.
 */
public final class DeterministicKeyChain {

    private final Secp256k1 secp256k1;
    private byte[] seed;

    /** A chain starting at {@code seed} (any length, usually the UTF-8 bytes of a mnemonic). */
    public DeterministicKeyChain(Secp256k1 secp256k1, byte[] seed) {
        if (seed.length == 0) {
            throw new IllegalArgumentException("seed is empty");
        }
        this.secp256k1 = secp256k1;
        this.seed = seed.clone();
    }

    /** The first {@code count} key pairs of {@code seed}. */
    public static List<SkycoinKeyPair> derive(Secp256k1 secp256k1, byte[] seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        DeterministicKeyChain chain = new DeterministicKeyChain(secp256k1, seed);
        List<SkycoinKeyPair> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(chain.next());
        }
        return keys;
    }

    /** The next key pair; the chain advances to the next seed. */
    public SkycoinKeyPair next() {
        byte[] nextSeed = seedHash(seed);
        byte[] secret = step(Hashes.sha256(seed, nextSeed));
        seed = nextSeed;
        byte[] publicKey = secp256k1.publicKey(secret);
        return new SkycoinKeyPair(secret, publicKey, SkycoinAddress.fromPublicKey(publicKey));
    }

    /** Hashes until the result is a valid secret key; the reference hashes at least once. */
    private byte[] step(byte[] input) {
        byte[] candidate = Hashes.sha256(input);
        while (!secp256k1.isValidSecretKey(candidate)) {
            candidate = Hashes.sha256(candidate);
        }
        return candidate;
    }

    /** The reference's "secp256k1 hash" of a seed, which is also the chain's next seed. */
    private byte[] seedHash(byte[] input) {
        byte[] hash = Hashes.sha256(input);
        byte[] secret = step(hash);
        byte[] publicKey = secp256k1.publicKey(step(Hashes.sha256(hash)));
        return Hashes.sha256(hash, secp256k1.multiply(publicKey, secret));
    }
}
