package io.skywire.node.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.Optional;
import java.util.stream.Stream;

/** The secp256k1 implementations every parameterised test runs against. */
public final class Implementations {

    private Implementations() {
    }

    /** One implementation, possibly absent (JNI when its native library does not load). */
    public record Impl(String label, Optional<Secp256k1> implementation) {

        /** The implementation; skips the test (an assumption) only when it is absent. */
        public Secp256k1 get() {
            assumeTrue(implementation.isPresent(), label + " did not load on this machine");
            return implementation.get();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Bouncy Castle and JNI: use as a JUnit {@code @MethodSource}. */
    public static Stream<Impl> all() {
        return Stream.of(new Impl("BC", Optional.of(Secp256k1Provider.bouncyCastle())),
                new Impl("JNI", Secp256k1Provider.jni()));
    }

    public static Secp256k1 jniOrSkip() {
        return new Impl("JNI", Secp256k1Provider.jni()).get();
    }
}
