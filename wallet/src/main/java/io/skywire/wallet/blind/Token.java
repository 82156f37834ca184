package io.skywire.wallet.blind;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An unblinded token: a secret and the signer's signature C = k*hash_to_curve(secret) on it; whoever holds it can
 * spend it once.
 *
 * @param secret the secret x
 * @param signature C, 33 bytes compressed
 */
public record Token(byte[] secret, byte[] signature) {
    public Token {
        secret = secret.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token that && Arrays.equals(secret, that.secret)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(secret) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        // The secret is the money: only the signature, which alone spends nothing, goes to logs.
        return "Token[C=" + HexFormat.of().formatHex(signature) + "]";
    }
}
