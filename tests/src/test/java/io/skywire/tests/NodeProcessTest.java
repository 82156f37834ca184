package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skywire node --config FILE} as a real process: it starts, reports its id and addresses, and stops on SIGTERM. */
class NodeProcessTest {

    @TempDir
    Path dir;

    private Process start(Path config) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classPath,
                "io.skywire.app.Main", "node", "--config", config.toString()));
        // stderr to a file: destroy() closes the pipes, and the log is read after the process ends.
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr.log").toFile()).start();
    }

    @Test
    void runsUntilSigtermThenStopsCleanly() throws Exception {
        Path config = dir.resolve("node.conf");
        Files.writeString(config, "data.dir = data\nudp.listen = 127.0.0.1:0\ntcp.listen = 127.0.0.1:0\n"
                + "log.level = INFO\n");
        Process node = start(config);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<List<String>> firstLines = CompletableFuture.supplyAsync(() -> {
                try {
                    return List.of(out.readLine(), out.readLine());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> lines = firstLines.get(60, TimeUnit.SECONDS);
            assertThat(lines.get(0)).matches("node 0[23][0-9a-f]{64} \\([0-9a-f]{4}(-[0-9a-f]{4}){3}\\)");
            assertThat(lines.get(1)).matches("udp 127\\.0\\.0\\.1:\\d+, tcp 127\\.0\\.0\\.1:\\d+");
            assertThat(dir.resolve("data/node.key")).exists();

            node.destroy(); // SIGTERM on Linux
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node stops within 30 s of SIGTERM").isTrue();
            String log = Files.readString(dir.resolve("stderr.log"));
            assertThat(log).contains("stopped").doesNotContain("Exception");
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void refusesABrokenConfigWithTheLineAndReason() throws Exception {
        Path config = dir.resolve("broken.conf");
        Files.writeString(config, "data.dir = data\nudp.listen = 127.0.0.1:notaport\n");
        Process node = start(config);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isEqualTo(1);
        String err = Files.readString(dir.resolve("stderr.log"));
        assertThat(err).contains("line 2");
        assertThat(dir.resolve("data/node.key")).doesNotExist();
    }
}
