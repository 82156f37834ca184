package io.skywire.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code skywire vpn down}: asks the running {@code vpn up} to stop (SIGTERM) and waits until it has removed its
 * routes, kill switch, DNS setting and TUN device.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop the VPN: routes, kill switch, DNS setting and TUN device are removed."})
final class VpnDownCommand implements Callable<Integer> {

    private static final long WAIT_SECONDS = 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VpnStateOptions state;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = state.file();
        PrintWriter out = spec.commandLine().getOut();
        Optional<VpnStateFile.Running> running = VpnStateFile.read(file);
        if (running.isEmpty()) {
            out.println("vpn off (nothing to stop)");
            return 0;
        }
        ProcessHandle process = running.get().process();
        process.destroy();
        try {
            process.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CommandFailedException("the VPN process " + process.pid() + " did not stop within "
                    + WAIT_SECONDS + " s");
        }
        Files.deleteIfExists(file);
        out.println("vpn down");
        return 0;
    }
}
