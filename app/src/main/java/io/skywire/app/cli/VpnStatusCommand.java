package io.skywire.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code skywire vpn status}: the running VPN's status line and counters, or "vpn off". */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print the VPN's status line ('vpn UP: ...', 'vpn DOWN: ...') and its counters, or 'vpn off'."})
final class VpnStatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private VpnStateOptions state;

    @Override
    public Integer call() throws IOException {
        Path file = state.file();
        PrintWriter out = spec.commandLine().getOut();
        Optional<VpnStateFile.Running> running = VpnStateFile.read(file);
        if (running.isEmpty()) {
            out.println("vpn off");
            return 3;
        }
        out.println(running.get().statusLine());
        out.println(running.get().counters());
        return 0;
    }
}
