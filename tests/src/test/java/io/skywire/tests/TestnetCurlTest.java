package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code skywire testnet} as a real process with real clients: curl --socks5-hostname fetches a file from
 * python3 -m http.server through the 3-hop tunnel, and the SHA-256 matches. The 100 MB, 200-concurrent and 20%-loss
 * runs need -Dskywire.longTests=true.
 */
class TestnetCurlTest {

    private static final Logger LOG = LoggerFactory.getLogger(TestnetCurlTest.class);
    private static final boolean LONG = Boolean.getBoolean("skywire.longTests");

    @TempDir
    Path dir;

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private String run(double loss, int megabytes, int concurrent) throws Exception {
        TestnetFixture.requireTools("python3", "curl");
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] content = new byte[megabytes << 20];
        new Random(megabytes).nextBytes(content);
        Files.write(www.resolve("file.bin"), content);
        try (TestnetFixture fixture = new TestnetFixture(dir)) {
            int httpPort = fixture.startOrigin(www);
            String proxy = fixture.startTestnet(loss);
            long start = System.nanoTime();
            List<Process> curls = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                curls.add(new ProcessBuilder("curl", "-sS", "--fail", "--max-time", "600", "--retry", "0",
                        "--socks5-hostname", proxy, "-o", dir.resolve("got-" + i).toString(),
                        "http://localhost:" + httpPort + "/file.bin").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("curl-" + i + ".log").toFile()).start());
            }
            for (Process curl : curls) {
                assertThat(curl.waitFor(700, TimeUnit.SECONDS)).isTrue();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String expected = sha256(www.resolve("file.bin"));
            for (int i = 0; i < concurrent; i++) {
                assertThat(curls.get(i).exitValue()).as(Files.readString(dir.resolve("curl-" + i + ".log"))).isZero();
                assertThat(sha256(dir.resolve("got-" + i))).isEqualTo(expected);
            }
            fixture.stopTestnetGracefully();
            return String.format("%d x %d MB at %.0f%% loss in %.1f s (%.2f MB/s in total)", concurrent, megabytes,
                    loss * 100, seconds, concurrent * megabytes / seconds);
        }
    }

    @Test
    void curlFetchesAFileThroughTheTunnelIntact() throws Exception {
        LOG.info("{}", run(0, 4, 1));
    }

    @Test
    void bothProxiesAskForTheConfiguredCredentials() throws Exception {
        TestnetFixture.requireTools("python3", "curl");
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello through the tunnel");
        Path passwordFile = Files.writeString(dir.resolve("proxy-password"), "pa55 word\n");
        try (TestnetFixture fixture = new TestnetFixture(dir)) {
            int httpPort = fixture.startOrigin(www);
            String socks = fixture.startTestnet(0, "--proxy-user", "alice", "--proxy-password-file",
                    passwordFile.toString());
            String url = "http://localhost:" + httpPort + "/hello.txt";
            assertThat(curl("--socks5-hostname", socks, "--proxy-user", "alice:pa55 word", url))
                    .isEqualTo("0 hello through the tunnel");
            assertThat(curl("--proxy", "http://" + fixture.httpProxy(), "--proxytunnel", "--proxy-user",
                    "alice:pa55 word", url)).isEqualTo("0 hello through the tunnel");
            assertThat(curl("--socks5-hostname", socks, url)).as("SOCKS5 without credentials").doesNotEndWith("tunnel");
            assertThat(curl("--socks5-hostname", socks, "--proxy-user", "alice:wrong", url)).doesNotEndWith("tunnel");
            assertThat(curl("--proxy", "http://" + fixture.httpProxy(), "--proxytunnel", "--proxy-user",
                    "alice:wrong", "-w", "%{http_connect}", url)).endsWith("407");
            fixture.stopTestnetGracefully();
        }
    }

    /** Runs curl; returns its exit code, a space, then what it printed on stdout. */
    private String curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60"));
        command.addAll(List.of(arguments));
        Process curl = new ProcessBuilder(command).redirectError(dir.resolve("curl-auth.log").toFile()).start();
        String out = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(curl.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return curl.exitValue() + " " + out;
    }

    @Test
    void hundredMegabytes() throws Exception {
        assumeTrue(LONG, "needs -Dskywire.longTests=true");
        LOG.info("{}", run(0, 100, 1));
    }

    @Test
    void twoHundredConcurrentTransfers() throws Exception {
        assumeTrue(LONG, "needs -Dskywire.longTests=true");
        LOG.info("{}", run(0, 1, 200));
    }

    @Test
    void twoHundredConcurrentTransfersAtTwentyPercentLoss() throws Exception {
        assumeTrue(LONG, "needs -Dskywire.longTests=true");
        LOG.info("{}", run(0.2, 1, 200));
    }
}
