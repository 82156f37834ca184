package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the end-to-end tests with real clients share: checking that the outside tools exist, a local origin server
 * ({@code python3 -m http.server}) and {@code skywire testnet} as a child process, stopped on close.
 */
final class TestnetFixture implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private Process testnet;
    private String httpProxy;

    TestnetFixture(Path dir) {
        this.dir = dir;
    }

    /**
     * Skips the test when a tool is missing on a developer's machine; in CI ({@code .ci/run} installs them all) a
     * missing tool fails the test instead of skipping it quietly.
     */
    static void requireTools(String... tools) {
        boolean all = true;
        for (String tool : tools) {
            all &= available(tool, "--version");
        }
        if (System.getenv("CI") != null) {
            assertThat(all).as(String.join(", ", tools) + " (installed by .ci/run)").isTrue();
        }
        assumeTrue(all, String.join(", ", tools) + " needed");
    }

    private static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Serves {@code www} on 127.0.0.1 and returns the port. */
    int startOrigin(Path www) throws IOException {
        int port = freePort();
        processes.add(new ProcessBuilder("python3", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1",
                "--directory", www.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("origin.log").toFile()).start());
        return port;
    }

    /**
     * Starts {@code skywire testnet} (with any extra options) and waits for its two proxy lines; returns the SOCKS5
     * proxy as {@code 127.0.0.1:port} ({@link #httpProxy()} has the other).
     */
    String startTestnet(double loss, String... options) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "io.skywire.app.Main", "testnet", "--nodes", "7", "--gateways", "2",
                "--socks-port", "0", "--http-port", "0", "--loss", String.valueOf(loss), "--seed", "7"));
        command.addAll(List.of(options));
        testnet = new ProcessBuilder(command).redirectError(dir.resolve("testnet.log").toFile()).start();
        processes.add(testnet);
        BufferedReader out = new BufferedReader(new InputStreamReader(testnet.getInputStream(), StandardCharsets.UTF_8));
        String[] lines = CompletableFuture.supplyAsync(() -> {
            try {
                return new String[] {out.readLine(), out.readLine()};
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(lines[0]).matches("SOCKS5 127\\.0\\.0\\.1:\\d+");
        assertThat(lines[1]).matches("HTTP 127\\.0\\.0\\.1:\\d+");
        httpProxy = lines[1].substring("HTTP ".length());
        return lines[0].substring("SOCKS5 ".length());
    }

    /** The HTTP CONNECT proxy of the running test network, {@code 127.0.0.1:port}. */
    String httpProxy() {
        return httpProxy;
    }

    /** Stops the test network with SIGTERM, as a user would, and checks that it exits. */
    void stopTestnetGracefully() throws InterruptedException {
        testnet.destroy();
        assertThat(testnet.waitFor(30, TimeUnit.SECONDS)).as("testnet stops on SIGTERM").isTrue();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
