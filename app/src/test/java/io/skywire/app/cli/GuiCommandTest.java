package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    void helpStillListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: skywire").contains("gui").contains("wallet").contains("node");
    }

    @Test
    void aWindowNeedsADisplayOnLinuxButNotUnderHeadlessMonocle() {
        assertThat(Displays.missing(Map.of(), "Linux", null)).isEqualTo(Displays.NO_DISPLAY);
        assertThat(Displays.missing(Map.of("DISPLAY", " "), "Linux", null)).isEqualTo(Displays.NO_DISPLAY);
        assertThat(Displays.missing(Map.of("DISPLAY", ":0"), "Linux", null)).isNull();
        assertThat(Displays.missing(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(Displays.missing(Map.of(), "Linux", "Monocle")).isNull();
        assertThat(Displays.missing(Map.of(), "Windows 11", null)).isNull();
    }

    /**
     * The real launcher in its own JVM under headless Monocle, over a wallet, with a password file that does not
     * unlock it: the window (opened first, the unlock runs behind it) closes, and the command ends with the reason in
     * one line and exit 1.
     */
    @Test
    void aWrongPasswordFileClosesTheWindowAndSaysWhy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path right = dir.resolve("right");
        Path wrong = dir.resolve("wrong");
        java.nio.file.Files.writeString(right, "correct horse battery\n");
        java.nio.file.Files.writeString(wrong, "not the password\n");
        assertThat(run("wallet", "new", "--data-dir", data.toString(), "--password-file", right.toString(),
                "--scrypt-log2n", "10")).as(err::toString).isZero();
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(launcher.toString(), "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dskywire.log.level=INFO", "-cp",
                System.getProperty("java.class.path"), "io.skywire.app.Main", "gui", "--data-dir", data.toString(),
                "--password-file", wrong.toString(), "--socks-port", "0", "--http-port", "0").start();
        process.getOutputStream().close();
        // The log (stdout or stderr, by the logback configuration on the class path) is drained beside.
        var log = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        String stderr = read(process.getErrorStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(log.get(10, TimeUnit.SECONDS)).doesNotContain("Exception");
        assertThat(stderr).contains(System.lineSeparator() + "skywire: the password in " + wrong
                        + " does not unlock the wallet in " + data + ": wrong password" + System.lineSeparator())
                .doesNotContain("Exception");
    }

    /**
     * The real launcher in its own JVM under headless Monocle, killed with SIGTERM once its window shows the running
     * local test network: the shutdown hook stops the window's readers before the network they read, so the log after
     * the kill has no WARN or ERROR line (no "reading the node failed: RejectedExecutionException"), and the network's temporary
     * directory, there while it ran, is gone.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermStopsTheWindowsReadersBeforeTheNetworkAndLeavesNoFiles(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        Path password = dir.resolve("password");
        Path tmp = java.nio.file.Files.createDirectories(dir.resolve("tmp"));
        java.nio.file.Files.writeString(password, "correct horse battery\n");
        assertThat(run("wallet", "new", "--data-dir", data.toString(), "--password-file", password.toString(),
                "--scrypt-log2n", "10")).as(err::toString).isZero();
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(launcher.toString(), "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dskywire.log.level=INFO",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), "io.skywire.app.Main", "gui",
                "--free", "--data-dir", data.toString(), "--password-file", password.toString(),
                "--socks-port", "0", "--http-port", "0").start();
        process.getOutputStream().close();
        StringBuffer log = new StringBuffer();
        int killedAt = -1;
        Thread stdout = drain(process.getInputStream(), log);
        Thread stderr = drain(process.getErrorStream(), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (log.indexOf("window ready: ") < 0 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(log.toString()).as("the window came up").contains("window ready: ");
            assertThat(skywireDirs(tmp)).as("the running network's files").isNotEmpty();
            // Let the monitors read the running network a few times: the kill lands between or during readings.
            Thread.sleep(2_500);
        } finally {
            killedAt = log.length();
            process.destroy(); // SIGTERM
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ends after SIGTERM").isTrue();
        stdout.join(10_000);
        stderr.join(10_000);
        String afterKill = log.substring(killedAt);
        assertThat(afterKill.lines().filter(line -> line.matches("^\\S+ (\\[[^]]*] )?(WARN|ERROR) .*")))
                .as("what the shutdown logged:%n%s", afterKill).isEmpty();
        assertThat(log.toString()).doesNotContain("RejectedExecutionException").doesNotContain("reading the node failed");
        assertThat(skywireDirs(tmp)).as("the network's files after the shutdown").isEmpty();
    }

    private static java.util.List<Path> skywireDirs(Path tmp) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(tmp)) {
            return files.filter(file -> file.getFileName().toString().startsWith("skywire")).toList();
        }
    }

    private static Thread drain(java.io.InputStream in, StringBuffer into) {
        Thread thread = new Thread(() -> {
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    into.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                into.append("reading the log failed: ").append(e).append('\n');
            }
        }, "gui-log-drain");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The real launcher in its own JVM, with no display in its environment: one line, exit 1, no stack trace. */
    @Test
    void noArgumentsOpensTheWindowSoWithoutADisplayItSaysSoInOneLine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.skywire.app.Main");
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr).isEqualTo("skywire: no display; run `skywire --help` for the command line"
                + System.lineSeparator());
        assertThat(stdout).isEmpty();
    }
}
