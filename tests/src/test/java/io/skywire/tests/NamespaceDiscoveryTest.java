package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LAN discovery on the real kernel path: the test makes two network namespaces joined by a veth pair (addresses in
 * 10.213.77.0/24, multicast on), runs {@code skywire node} in each with no bootstrap and no peers, and waits until
 * each prints a {@code peer} line naming the other; the first contact can only be multicast. The namespaces go in
 * the end, also when the test fails. Needs root (CI runs as root; elsewhere it skips when {@code ip netns add} is
 * refused).
 */
class NamespaceDiscoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceDiscoveryTest.class);
    private static final Pattern NODE_LINE = Pattern.compile("node (0[23][0-9a-f]{64}) .*");
    private static final Pattern PEER_LINE = Pattern.compile("peer (0[23][0-9a-f]{64}) via (\\w+) (.*)");
    private static final long LIVENESS_SECONDS = 45;

    @TempDir
    Path dir;

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    @Test
    void twoNodesInTwoNamespacesFindEachOtherByMulticast() throws Exception {
        String tag = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
            (byte) ThreadLocalRandom.current().nextInt()});
        String nsA = "skyw-" + tag + "-a";
        String nsB = "skyw-" + tag + "-b";
        boolean created = false;
        try {
            try {
                run("ip", "netns", "add", nsA);
                created = true;
            } catch (IOException e) {
                // .ci/run runs as root and installs iproute2: there a refusal is a failure, never a quiet skip.
                if (System.getenv("CI") != null) {
                    throw new AssertionError("ip netns add refused in CI", e);
                }
                assumeTrue(false, "needs root and iproute2: " + e.getMessage());
            }
            run("ip", "netns", "add", nsB);
            String vethA = "sk" + tag + "a";
            String vethB = "sk" + tag + "b";
            run("ip", "link", "add", vethA, "type", "veth", "peer", "name", vethB);
            run("ip", "link", "set", vethA, "netns", nsA);
            run("ip", "link", "set", vethB, "netns", nsB);
            run("ip", "-n", nsA, "addr", "add", "10.213.77.1/24", "dev", vethA);
            run("ip", "-n", nsB, "addr", "add", "10.213.77.2/24", "dev", vethB);
            for (String[] nic : new String[][] {{nsA, vethA}, {nsB, vethB}}) {
                run("ip", "-n", nic[0], "link", "set", nic[1], "multicast", "on", "up");
                run("ip", "-n", nic[0], "link", "set", "lo", "up");
            }

            Node a = Node.start(dir.resolve("a"), nsA);
            Node b = Node.start(dir.resolve("b"), nsB);
            try {
                String idA = a.id();
                String idB = b.id();
                String peerOfA = a.peer(idB);
                String peerOfB = b.peer(idA);
                LOG.info("A heard B: {}; B heard A: {}", peerOfA, peerOfB);
                assertThat(peerOfA).as("A's peer line for B").contains("udp4://10.213.77.2:7700");
                assertThat(peerOfB).as("B's peer line for A").contains("udp4://10.213.77.1:7700");
                // Nothing is configured, so the first contact is multicast; the other side may then learn the first
                // one's record over the link the first one dialled (peer exchange) before its announcement arrives.
                assertThat(List.of(peerOfA, peerOfB)).as("learned by multicast").anyMatch(p -> p.startsWith("lan "));
                assertThat(List.of(peerOfA, peerOfB)).allMatch(p -> p.startsWith("lan ") || p.startsWith("pex "));
            } finally {
                a.stop();
                b.stop();
            }
        } finally {
            if (created) {
                deleteQuietly(nsA);
                deleteQuietly(nsB);
            }
        }
    }

    private static void deleteQuietly(String namespace) {
        try {
            run("ip", "netns", "del", namespace);
        } catch (IOException | InterruptedException e) {
            LOG.warn("could not delete namespace {}: {}", namespace, e.getMessage());
        }
    }

    /** A {@code skywire node} process in a namespace, its stdout read line by line into a queue. */
    private record Node(Process process, BlockingQueue<String> lines, Map<String, String> peers, Path log) {

        static Node start(Path home, String namespace) throws IOException {
            Files.createDirectories(home);
            Path config = home.resolve("node.conf");
            // No bootstrap, no peers: LAN discovery is on by default.
            Files.writeString(config, "data.dir = data\nudp.listen = 0.0.0.0:7700\nlog.level = INFO\n");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, java, "-cp", classPath,
                    "io.skywire.app.Main", "node", "--config", config.toString()));
            Path log = home.resolve("stderr.log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("closed: " + e.getMessage());
                }
            }, "stdout-" + namespace);
            reader.setDaemon(true);
            reader.start();
            return new Node(process, lines, new ConcurrentHashMap<>(), log);
        }

        /** The node's id, from its first line. */
        String id() throws Exception {
            String line = next();
            Matcher m = NODE_LINE.matcher(line == null ? "" : line);
            assertThat(m.matches()).as("first line %s; log: %s", line, Files.readString(log)).isTrue();
            return m.group(1);
        }

        /** Waits for the peer line of {@code id}; returns "VIA ADDRESSES". */
        String peer(String id) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
            while (!peers.containsKey(id) && System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                Matcher m = PEER_LINE.matcher(line == null ? "" : line);
                if (m.matches()) {
                    peers.put(m.group(1), m.group(2) + " " + m.group(3));
                }
            }
            assertThat(peers).as("peers heard within %d s; log: %s", LIVENESS_SECONDS, Files.readString(log))
                    .containsKey(id);
            return peers.get(id);
        }

        private String next() throws InterruptedException {
            return lines.poll(60, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
