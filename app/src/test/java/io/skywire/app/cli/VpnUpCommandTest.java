package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.ForwardingMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code skywire vpn up --cut-through} asks for a cut-through bulk lane; without it the lane is store-and-forward. */
class VpnUpCommandTest {

    private static VpnUpCommand parsed(String... extra) {
        VpnUpCommand command = new VpnUpCommand();
        String[] args = new String[extra.length + 4];
        args[0] = "--config";
        args[1] = "node.conf";
        args[2] = "--path";
        args[3] = "ab,cd";
        System.arraycopy(extra, 0, args, 4, extra.length);
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theBulkLaneIsStoreAndForwardByDefault() {
        assertThat(parsed().bulkMode()).isEqualTo(ForwardingMode.STORE_AND_FORWARD);
    }

    @Test
    void cutThroughAsksForACutThroughBulkLane() {
        assertThat(parsed("--cut-through").bulkMode()).isEqualTo(ForwardingMode.CUT_THROUGH);
    }
}
