package io.skywire.tests.vpn;

import io.skywire.node.runtime.NodeKeyFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Five network namespaces in a line, made with {@code ip netns} and veth pairs, for the VPN's tests and benchmark:
 * client - transit 1 - transit 2 - gateway - "internet". Each of the middle three runs a real node process
 * ({@code skywire node}, {@code skywire vpn gateway}); the internet namespace runs an HTTP server (python3), a UDP
 * echo and a DNS responder on {@link #INTERNET}. The client's default route points at transit 1, which does not
 * forward: without the tunnel, the internet address cannot be reached. Everything goes away on {@link #close()}.
 */
public final class VpnTestbed implements AutoCloseable {

    /** The internet namespace's address: private, so the gateway needs an explicit allow for it. */
    public static final String INTERNET = "10.201.4.2";
    /** The client's first hop (transit 1). */
    public static final String FIRST_HOP = "10.201.1.2";
    public static final String CLIENT = "10.201.1.1";
    public static final int HTTP_PORT = 8080;
    public static final int UDP_ECHO_PORT = 9999;
    /** The name the DNS responder answers with {@link #INTERNET}. */
    public static final String HOST_NAME = "files.skywire.test";

    private final String tag;
    private final Path dir;
    private final String classPath;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final String[] ids = new String[4];
    private final String clientVeth;
    private Started gateway;

    private VpnTestbed(String tag, Path dir, String classPath) {
        this.tag = tag;
        this.dir = dir;
        this.classPath = classPath;
        this.clientVeth = "sv" + tag + "c";
    }

    /** The namespace of node {@code i}: 0 client, 1 and 2 transit, 3 gateway, 4 internet. */
    public String ns(int i) {
        return "skv-" + tag + "-" + i;
    }

    /** The client's veth (its "physical" interface). */
    public String clientVeth() {
        return clientVeth;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Creates the namespaces and links and writes the node configs.
     *
     * @throws IOException when {@code ip netns add} is refused (not root) or a later step fails
     */
    public static VpnTestbed create(Path dir, String classPath) throws IOException, InterruptedException {
        String tag = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
            (byte) ThreadLocalRandom.current().nextInt()});
        VpnTestbed bed = new VpnTestbed(tag, dir, classPath);
        try {
            bed.build();
            return bed;
        } catch (IOException | InterruptedException | RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        for (int i = 0; i < 5; i++) {
            run("ip", "netns", "add", ns(i));
            namespaces.add(ns(i));
            run("ip", "-n", ns(i), "link", "set", "lo", "up");
        }
        // Link k joins namespace k-1 and k on 10.201.k.0/24: .1 on the left, .2 on the right.
        for (int k = 1; k <= 4; k++) {
            String left = k == 1 ? clientVeth : "sv" + tag + k + "l";
            String right = "sv" + tag + k + "r";
            run("ip", "link", "add", left, "type", "veth", "peer", "name", right);
            run("ip", "link", "set", left, "netns", ns(k - 1));
            run("ip", "link", "set", right, "netns", ns(k));
            run("ip", "-n", ns(k - 1), "addr", "add", "10.201." + k + ".1/24", "dev", left);
            run("ip", "-n", ns(k), "addr", "add", "10.201." + k + ".2/24", "dev", right);
            run("ip", "-n", ns(k - 1), "link", "set", left, "up");
            run("ip", "-n", ns(k), "link", "set", right, "up");
        }
        // The client's "original gateway" is transit 1, which forwards nothing (a new namespace has forwarding off).
        run("ip", "-n", ns(0), "route", "add", "default", "via", FIRST_HOP);
        Files.createDirectories(Path.of("/etc/netns", ns(0)));
        Files.writeString(Path.of("/etc/netns", ns(0), "resolv.conf"), "nameserver " + FIRST_HOP + "\n");
        for (int i = 0; i < 4; i++) {
            Path data = dir.resolve("node" + i);
            ids[i] = NodeKeyFile.loadOrCreate(data).nodeId().hex();
        }
        // node i listens on its left link's address (10.201.i.2), the client on 10.201.1.1.
        for (int i = 0; i < 4; i++) {
            StringBuilder config = new StringBuilder()
                    .append("data.dir = ").append(dir.resolve("node" + i)).append('\n')
                    .append("udp.listen = ").append(listenAddress(i)).append('\n')
                    .append("discovery.lan = false\ndiscovery.dial = false\nlog.level = INFO\n");
            // Each node dials the next one towards the gateway only: two ends dialling each other race (the
            // replaced link's state is lost), which is not what this testbed is about.
            if (i < 3) {
                config.append("peer = ").append(ids[i + 1]).append(" udp ").append(dialAddress(i + 1, i)).append('\n');
            }
            Files.writeString(config(i), config.toString());
        }
    }

    /** Node i's UDP address: the client on 10.201.1.1, node i > 0 on 10.201.i.2 (plus its right link). */
    private static String listenAddress(int i) {
        return i == 0 ? CLIENT + ":7700" : "0.0.0.0:7700";
    }

    /** The address node {@code from} dials to reach node {@code to} (the next one). */
    private static String dialAddress(int to, int from) {
        return "10.201." + to + ".2:7700";
    }

    public Path config(int i) {
        return dir.resolve("node" + i + ".conf");
    }

    public String id(int i) {
        return ids[i];
    }

    /** The path from the client to the gateway. */
    public String path() {
        return ids[1] + "," + ids[2] + "," + ids[3];
    }

    /** Starts the transit nodes, the gateway (allowing the internet subnet and relaying DNS) and the internet. */
    public void startNetwork(Path servedFile) throws IOException, InterruptedException {
        for (int i = 1; i <= 2; i++) {
            Started node = skywire(ns(i), "node" + i, line -> line.startsWith("udp "), "node", "--config",
                    config(i).toString());
            node.awaitLine(60);
        }
        gateway = skywire(ns(3), "gateway", line -> line.startsWith("vpn gateway"), "vpn", "gateway",
                "--config", config(3).toString(), "--allow", "10.201.4.0/24", "--allow-private",
                "--dns", INTERNET + ":53");
        gateway.awaitLine(60);
        Path www = servedFile.getParent();
        start(ns(4), "http", "python3", "-m", "http.server", Integer.toString(HTTP_PORT), "--bind", INTERNET,
                "--directory", www.toString());
        Path helpers = dir.resolve("internet.py");
        Files.writeString(helpers, INTERNET_PY);
        start(ns(4), "internet-py", "python3", helpers.toString(), INTERNET, HOST_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (execIn(ns(4), "python3", "-c", "import socket; socket.create_connection(('" + INTERNET + "', "
                + HTTP_PORT + "), 1).close()").exit != 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the HTTP server in the internet namespace did not start");
            }
            Thread.sleep(200);
        }
    }

    /** {@code skywire vpn up} in the client namespace; returns once it printed {@code vpn UP}. */
    public Started vpnUp(String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("vpn", "up", "--config", config(0).toString(), "--path", path(),
                "--state", stateFile().toString(), "--resolv-conf", "/etc/resolv.conf"));
        args.addAll(List.of(extra));
        Started vpn = skywire(ns(0), "vpn-up", line -> line.startsWith("vpn UP"), args.toArray(String[]::new));
        vpn.awaitLine(90);
        return vpn;
    }

    /** Kills the gateway process (SIGKILL: no goodbye to its clients). */
    public void killGateway() throws InterruptedException {
        gateway.kill();
    }

    public Path stateFile() {
        return dir.resolve("vpn.state");
    }

    /** Runs {@code skywire ARGS} to its end (in the client namespace) and returns its output. */
    public Result skywireCommand(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns(0), java(), "-cp", classPath,
                "io.skywire.app.Main"));
        command.addAll(List.of(args));
        return exec(command.toArray(String[]::new));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Started skywire(String namespace, String name, Predicate<String> ready, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", classPath,
                "io.skywire.app.Main"));
        command.addAll(List.of(args));
        return start(namespace, name, ready, command.toArray(String[]::new));
    }

    private Started start(String namespace, String name, String... command) throws IOException {
        return start(namespace, name, line -> false, command);
    }

    private Started start(String namespace, String name, Predicate<String> ready, String... command)
            throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectError(dir.resolve(name + ".err").toFile()).start();
        processes.add(process);
        Started started = new Started(name, process, ready);
        Thread pump = new Thread(started::pump, "out-" + name);
        pump.setDaemon(true);
        pump.start();
        return started;
    }

    /** Runs a command in a namespace to its end (60 s at most). */
    public Result execIn(String namespace, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return exec(full.toArray(String[]::new));
    }

    /** Runs a command to its end (240 s at most). */
    public static Result exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end");
        }
        return new Result(process.exitValue(), output);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Result result = exec(command);
        if (result.exit != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output.strip());
        }
        return result.output;
    }

    /**
     * Writes {@code size} bytes (whole MiB) from a {@link java.util.Random} seeded with {@code seed} to {@code file};
     * returns their SHA-256 in hex.
     */
    public static String writeRandom(Path file, long size, long seed) throws IOException {
        java.security.MessageDigest sha = sha256();
        java.util.Random random = new java.util.Random(seed);
        byte[] buffer = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer);
                sha.update(buffer);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of {@code file}'s bytes, in hex. */
    public static String sha256(Path file) throws IOException {
        java.security.MessageDigest sha = sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The exit code and output of a finished command. */
    public record Result(int exit, String output) {
    }

    /** A process of the testbed, with its stdout lines. */
    public static final class Started {
        private final String name;
        private final Process process;
        private final Predicate<String> ready;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Started(String name, Process process, Predicate<String> ready) {
            this.name = name;
            this.process = process;
            this.ready = ready;
        }

        void pump() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout closed: " + e.getMessage() + ")");
            }
        }

        /** Waits for the ready line. */
        public String awaitLine(long seconds) throws IOException, InterruptedException {
            return awaitLine(ready, seconds);
        }

        /** Waits for a line that {@code wanted} accepts. */
        public String awaitLine(Predicate<String> wanted, long seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(Math.min(left, 500_000_000L), TimeUnit.NANOSECONDS);
                if (line == null && left > 0 && process.isAlive()) {
                    continue;
                }
                if (line == null) {
                    throw new IOException(name + " printed no awaited line in " + seconds + " s; it printed " + seen
                            + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        public Process process() {
            return process;
        }

        /** Stops the process (SIGTERM, then SIGKILL after 15 s). */
        public void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }

        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String namespace : namespaces) {
            try {
                exec("ip", "netns", "delete", namespace);
            } catch (IOException | InterruptedException e) {
                // best effort: the test's own failure matters more
            }
        }
        try {
            Path etc = Path.of("/etc/netns", ns(0));
            Files.deleteIfExists(etc.resolve("resolv.conf"));
            Files.deleteIfExists(etc);
        } catch (IOException e) {
            // best effort
        }
    }

    /** The internet namespace's UDP echo (port 9999) and a DNS responder (port 53) answering one name. */
    private static final String INTERNET_PY = """
            import socket, struct, sys, threading
            address, name = sys.argv[1], sys.argv[2]
            def echo():
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind((address, 9999))
                while True:
                    data, peer = s.recvfrom(65535)
                    s.sendto(data, peer)
            def dns():
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind((address, 53))
                ip = socket.inet_aton(address)
                while True:
                    q, peer = s.recvfrom(4096)
                    if len(q) < 12:
                        continue
                    i, labels = 12, []
                    while i < len(q) and q[i] != 0:
                        labels.append(q[i + 1:i + 1 + q[i]].decode('ascii', 'replace'))
                        i += 1 + q[i]
                    question = q[12:i + 5]
                    qtype = struct.unpack('>H', q[i + 1:i + 3])[0] if i + 3 <= len(q) else 0
                    found = '.'.join(labels).lower() == name and qtype == 1
                    flags = 0x8180 if found or '.'.join(labels).lower() == name else 0x8183
                    header = q[:2] + struct.pack('>HHHHH', flags, 1, 1 if found else 0, 0, 0)
                    answer = (b'\\xc0\\x0c' + struct.pack('>HHIH', 1, 1, 60, 4) + ip) if found else b''
                    s.sendto(header + question + answer, peer)
            threading.Thread(target=echo, daemon=True).start()
            dns()
            """;
}
