package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SelftestCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void fetchesThroughATestNetworkAndChecksJavaFx() {
        assertThat(run("selftest", "--bytes", "100000")).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("ok java: " + System.getProperty("java.version"))
                .containsPattern("ok secp256k1: \\S+")
                .contains("ok javafx: ")
                .containsPattern("ok tunnel: 100000 bytes through 6 nodes via SOCKS5 \\S+, sha256 [0-9a-f]{16} matches");
    }

    @Test
    void aNonPositiveSizeIsAUsageError() {
        assertThat(run("selftest", "--bytes", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--bytes");
        assertThat(out.toString()).isEmpty();
    }
}
