package io.skywire.node.vpn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code ip} and {@code nft} for setting a tunnel up and tearing it down (never on the packet path). Each call
 * has a time limit, and a failure carries the command and what it printed.
 */
public final class NetCommands {

    private static final Logger LOG = LoggerFactory.getLogger(NetCommands.class);
    private static final long LIMIT_SECONDS = 20;

    private NetCommands() {
    }

    /** Runs {@code command}; returns its output, or throws with it when the exit code is not 0. */
    public static String run(String... command) throws IOException {
        return runWithInput(null, command);
    }

    /** Runs {@code command} with {@code input} on its standard input (an nft script). */
    public static String runWithInput(String input, String... command) throws IOException {
        LOG.debug("running {}", String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not installed or cannot run: " + e.getMessage(), e);
        }
        try {
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + LIMIT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + output.strip() + (input == null ? "" : "\nscript:\n" + input));
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted running " + command[0], e);
        }
    }

    /** {@link #run(String...)} that logs instead of throwing: for teardown, where one failure must not stop the rest. */
    public static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            LOG.debug("teardown step failed: {}", e.getMessage());
        }
    }

    /** Loads an nft script ({@code nft -f -}). */
    public static void nft(String script) throws IOException {
        runWithInput(script, "nft", "-f", "-");
    }

    /** {@code ip args...}. */
    public static String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }
}
