package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code skywire gui} checks its options before it opens a window or starts a node. */
class GuiCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aNetworkTooSmallForTwoDisjointRoutesIsAUsageError() {
        assertThat(run("gui", "--nodes", "7", "--gateways", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("--nodes >= gateways + 5");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertThat(run("gui", "--socks-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("ports must be in 0..65535");
    }

    @Test
    void helpNamesTheNetworkOptionsAndTheStatusBar() {
        assertThat(run("gui", "--help")).isZero();
        assertThat(out.toString()).contains("--free").contains("--nodes").contains("--socks-port").contains("--dark")
                .contains("status bar").contains("--data-dir");
    }

    @Test
    void noArgumentsStillPrintsTheUsageListingGui() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("Usage: skywire").contains("gui");
    }
}
