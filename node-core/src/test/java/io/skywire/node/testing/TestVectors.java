package io.skywire.node.testing;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Finds and reads the project's shared, outside test vectors (see shared/testvectors/README.md). */
public final class TestVectors {

    /** System property naming the testvectors directory (the one holding wycheproof/ and skycoin/). */
    public static final String PROPERTY = "skywire.testvectors";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private TestVectors() {
    }

    /**
     * The vector file {@code relative} (such as "wycheproof/ecdh_secp256k1_test.json"), failing the test when it is
     * missing: a missing vector file must never pass as a skipped test.
     */
    public static JsonNode read(String relative) {
        Path file = locate(relative);
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test vectors " + file, e);
        }
    }

    public static Path locate(String relative) {
        return locate(relative, System.getProperty(PROPERTY), Path.of("").toAbsolutePath());
    }

    public static Path locate(String relative, String override, Path start) {
        Path file = null;
        if (override != null && !override.isBlank()) {
            file = Path.of(override).resolve(relative);
        } else {
            // CI clones the project with shared/ beside the clone; from a module that is ../../shared.
            for (Path dir = start; dir != null && file == null; dir = dir.getParent()) {
                Path candidate = dir.resolve("shared").resolve("testvectors").resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    file = candidate;
                }
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            fail("test vector file shared/testvectors/" + relative + " not found "
                    + (override != null && !override.isBlank()
                            ? "under -D" + PROPERTY + "=" + override
                            : "in any shared/testvectors above " + start)
                    + "; clone the shared test vectors beside the project or set -D" + PROPERTY
                    + "=<dir holding wycheproof/ and skycoin/>");
        }
        return file;
    }

    public static byte[] hex(JsonNode node) {
        return HEX.parseHex(node.asText());
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
