package io.skywire.wallet.skycoin;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared/testvectors beside the project clone; a missing folder fails the test that asks. */
final class SharedTestVectors {

    private SharedTestVectors() {
    }

    static Path dir(String name) {
        String override = System.getProperty("skywire.testvectors");
        if (override != null) {
            return Path.of(override, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testvectors").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("test vectors 'shared/testvectors/" + name + "' not found beside the project"
                + " (set -Dskywire.testvectors=DIR)");
    }
}
