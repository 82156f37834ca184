package io.skywire.node.link;

import io.skywire.node.crypto.Secp256k1Provider;
import java.security.SecureRandom;

/** Supplies fresh secp256k1 secret keys for ephemeral Diffie-Hellman; injected so tests can be deterministic. */
@FunctionalInterface
public interface EphemeralKeySource {

    /** A new valid 32-byte secret key, never returned before. */
    byte[] newSecretKey();

    /** Keys from a {@link SecureRandom}, for production. */
    static EphemeralKeySource secure() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] secret = new byte[32];
            // Rejection sampling: the chance of landing outside [1, n-1] is about 2^-128, but it is not zero.
            do {
                random.nextBytes(secret);
            } while (!Secp256k1Provider.get().isValidSecretKey(secret));
            return secret;
        };
    }
}
