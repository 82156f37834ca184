package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeConfigParser;
import io.skywire.node.runtime.NodeKeyFile;
import io.skywire.node.runtime.NodeRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skywire sync} and {@code skywire chat} against two running nodes (started in this JVM as
 * {@code skywire node} starts them, linked on 127.0.0.1): their control channels, the token, and the services.
 */
class ServicesCommandTest {

    private static final Duration LIVENESS = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path config(String name, String extra) throws Exception {
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, "data.dir = " + name + "\nudp.listen = 127.0.0.1:0\ndiscovery.lan = false\n"
                + "discovery.dial = false\n" + extra);
        return file;
    }

    private static String until(String what, java.util.function.Supplier<Result> call,
                                java.util.function.Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + LIVENESS.toNanos();
        Result last = call.get();
        while (!done.test(last.out())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LIVENESS.toSeconds() + " s: " + what + "; last: " + last);
            }
            Thread.sleep(200);
            last = call.get();
        }
        return last.out();
    }

    @Test
    void syncAndChatCommandsDriveTheRunningNodes() throws Exception {
        Path aConfig = config("a", "");
        NodeConfig aParsed = NodeConfigParser.parse(aConfig);
        String aId = NodeKeyFile.loadOrCreate(aParsed.dataDirectory()).nodeId().hex();
        NodeRuntime a = NodeRuntime.start(aParsed);
        String bootstrapA = "bootstrap = " + aId + " 127.0.0.1:" + a.boundAddresses().udp().getPort() + "\n";
        Path bConfig = config("b", "peer = " + aId + " udp 127.0.0.1:" + a.boundAddresses().udp().getPort() + "\n"
                + bootstrapA);
        NodeRuntime b = NodeRuntime.start(NodeConfigParser.parse(bConfig));
        try (NodeServices aServices = NodeServices.start(a, aParsed);
             NodeServices bServices = NodeServices.start(b, NodeConfigParser.parse(bConfig))) {
            a.linkUp(b.nodeId()).get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
            String bId = b.nodeId().hex();

            Result appended = run("sync", "append", "--config", aConfig.toString(), aId, "hello log");
            assertThat(appended.code()).as(appended.err()).isZero();
            assertThat(appended.out()).startsWith("appended 1 ");
            assertThat(run("sync", "follow", "--config", bConfig.toString(), aId).out())
                    .isEqualTo("following " + aId + "\n");
            String shown = until("B shows A's entry",
                    () -> run("sync", "show", "--config", bConfig.toString(), aId), out -> !out.isEmpty());
            assertThat(shown).startsWith("1 ").endsWith(" hello log\n");

            Result refused = run("sync", "append", "--config", bConfig.toString(), aId, "not mine");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("only to its own log");

            assertThat(run("chat", "send", "--config", aConfig.toString(), bId, "hi B").out()).isEqualTo("sent 1\n");
            assertThat(run("chat", "send", "--config", aConfig.toString(), bId, "second").out())
                    .isEqualTo("sent 2\n");
            String read = until("B reads both messages",
                    () -> run("chat", "read", "--config", bConfig.toString()), out -> out.contains("second"));
            assertThat(read).contains(" from " + aId + " #1 hi B\n").contains(" from " + aId + " #2 second\n");
            assertThat(read.indexOf("#1 hi B")).isLessThan(read.indexOf("#2 second"));
            until("A sees the acknowledgement", () -> run("chat", "read", "--config", aConfig.toString(),
                    "--peer", bId), out -> out.contains("acked " + bId + " up to 2"));

            // A wrong token is refused.
            Files.writeString(dir.resolve("a").resolve("control.token"), "00".repeat(32) + "\n");
            Result wrong = run("chat", "read", "--config", aConfig.toString());
            assertThat(wrong.code()).isEqualTo(1);
            assertThat(wrong.err()).contains("token");
        } finally {
            b.stop();
            a.stop();
        }
        Result stopped = run("chat", "read", "--config", aConfig.toString());
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.err()).contains("no running node");
    }
}
