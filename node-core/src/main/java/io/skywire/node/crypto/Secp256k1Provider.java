package io.skywire.node.crypto;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the fastest secp256k1 implementation that works on this machine: libsecp256k1 through JNI when its
 * native library loads, else Bouncy Castle. The system property {@value #PROPERTY} ({@code bc} or {@code jni})
 * forces one.
 */
public final class Secp256k1Provider {

    /** System property that forces an implementation: {@code bc} or {@code jni}. */
    public static final String PROPERTY = "skywire.secp256k1";

    private static final Logger LOG = LoggerFactory.getLogger(Secp256k1Provider.class);
    private static final Secp256k1 BOUNCY_CASTLE = new BouncyCastleSecp256k1();

    private Secp256k1Provider() {
    }

    /**
     * The best available implementation, chosen once on first use.
     *
     * @throws IllegalStateException when the property forces {@code jni} and it does not load, or has an unknown value
     */
    public static Secp256k1 get() {
        return Chosen.INSTANCE;
    }

    /** The pure-Java implementation, always available. */
    public static Secp256k1 bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    /** libsecp256k1 through JNI, or empty when its native library does not load here. */
    public static Optional<Secp256k1> jni() {
        return Jni.INSTANCE;
    }

    /** The choice for a value of {@value #PROPERTY} (null or blank: automatic). */
    static Secp256k1 choose(String forced) {
        String mode = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "":
                return jni().orElse(BOUNCY_CASTLE);
            case "bc":
                return BOUNCY_CASTLE;
            case "jni":
                return jni().orElseThrow(() -> new IllegalStateException(
                        PROPERTY + "=jni but libsecp256k1 did not load (see the log for why)"));
            default:
                throw new IllegalStateException(PROPERTY + " must be bc or jni, was '" + forced + "'");
        }
    }

    /** Holder idiom: the JNI load is tried once, lazily, on first use. */
    private static final class Jni {
        static final Optional<Secp256k1> INSTANCE = tryLoad();

        private static Optional<Secp256k1> tryLoad() {
            try {
                return Optional.of(JniSecp256k1.load());
            } catch (LinkageError | Exception e) { // missing .so, missing classes, extraction I/O: all mean "use BC"
                LOG.info("libsecp256k1 (JNI) unavailable on {} {}: {}", System.getProperty("os.name"),
                        System.getProperty("os.arch"), e.toString());
                return Optional.empty();
            }
        }
    }

    private static final class Chosen {
        static final Secp256k1 INSTANCE = chooseAndLog();

        private static Secp256k1 chooseAndLog() {
            String forced = System.getProperty(PROPERTY);
            Secp256k1 chosen = choose(forced);
            LOG.info("secp256k1 implementation: {}{}", chosen.name(),
                    forced == null ? "" : " (forced by " + PROPERTY + "=" + forced + ")");
            return chosen;
        }
    }
}
