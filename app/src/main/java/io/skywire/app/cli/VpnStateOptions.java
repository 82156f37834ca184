package io.skywire.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code vpn status} and {@code vpn down} find a running {@code vpn up} by. */
final class VpnStateOptions {

    @Option(names = "--interface", paramLabel = "NAME", defaultValue = "swvpn0",
            description = "TUN interface (${DEFAULT-VALUE}).")
    private String interfaceName;

    @Option(names = "--state", paramLabel = "FILE",
            description = "State file of 'vpn up' (default: in the temp directory).")
    private Path stateFile;

    /** The state file to read. */
    Path file() {
        return stateFile != null ? stateFile : VpnStateFile.forInterface(interfaceName);
    }
}
