package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import io.skywire.node.crypto.Secp256k1Provider;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic keys for tests. */
final class TestKeys {

    private TestKeys() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] repeated(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }

    static NodeId publicOf(byte[] secret) {
        return new NodeId(Secp256k1Provider.get().publicKey(secret));
    }

    /** A seeded source, so every run of a test sees the same ephemeral keys. */
    static EphemeralKeySource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> {
            byte[] secret = new byte[32];
            do {
                random.nextBytes(secret);
            } while (!Secp256k1Provider.get().isValidSecretKey(secret));
            return secret;
        };
    }

    /** Always the same key: only for reproducing published vectors. */
    static EphemeralKeySource fixed(byte[] secret) {
        return secret::clone;
    }
}
