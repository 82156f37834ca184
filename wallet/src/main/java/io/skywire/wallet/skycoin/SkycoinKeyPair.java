package io.skywire.wallet.skycoin;

import java.util.HexFormat;

/**
 * One key pair of a Skycoin deterministic wallet.
 *
 * @param secret the 32-byte secret key
 * @param publicKey the 33-byte compressed public key
 * @param address the Skycoin address of the public key
 */
public record SkycoinKeyPair(byte[] secret, byte[] publicKey, SkycoinAddress address) {

    public SkycoinKeyPair {
        secret = secret.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The secret key as hex; only for an explicit user request. */
    public String secretHex() {
        return HexFormat.of().formatHex(secret);
    }

    /** The public key as hex. */
    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    @Override
    public String toString() {
        // Never the secret: key pairs end up in logs.
        return "SkycoinKeyPair[" + address + " " + publicKeyHex() + "]";
    }
}
