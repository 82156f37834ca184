package io.skywire.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skywire.tests.vpn.VpnTestbed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPN bytes are paid like proxy bytes (issue 10): {@code skywire testnet --vpn} runs the paid test network in a
 * network namespace of its own ("paidvpn"), its client's VPN carrying one subnet, an "internet" namespace behind a veth
 * serving a file over HTTP there. curl in the paidvpn namespace, with no proxy settings, fetches the file intact
 * through the client's TUN device, the paid route group and the gateway's TUN device; then the relays' settled
 * earnings (the testnet's EARNED lines) have risen by at least the file's bytes times their prices, and the gateway's
 * meter for that VPN client (its VPNCLIENT line) shows about the file's size.
 *
 * <p>Client and gateway share one network stack here, as they never would for real, so the test routes the gateway's
 * side the way two hosts would be: replies from the internet to the client's tunnel address go into the gateway's TUN
 * (a rule ahead of the local table), not straight to the client, and TCP early demux is off (it would hand those
 * replies to the client's socket, and the kernel drops a forwarded packet that has one). The testnet itself keeps
 * the gateway's exit traffic out of the client's tunnel ({@code TestnetVpn}). Needs root, /dev/net/tun, nft, curl and
 * python3: CI has them; elsewhere the test skips and says why.
 */
class PaidVpnNamespaceTest {

    private static final Logger LOG = LoggerFactory.getLogger(PaidVpnNamespaceTest.class);
    private static final int MEGABYTES = Integer.getInteger("skywire.paidVpnMegabytes", 16);
    private static final long BYTES = (long) MEGABYTES << 20;
    private static final String SUBNET = "10.203.0.0/24";
    private static final String LOCAL = "10.203.0.1";
    private static final String INTERNET = "10.203.0.2";
    private static final int PORT = 8080;
    private static final long RELAY_PRICE = 100_000_000;
    /** The testnet's default promise interval is 1 MB at the dearest hop's price (at most 1.75 times the first's). */
    private static final long PROMISE_SLACK_PER_RELAY = 1_000_000L * RELAY_PRICE * 2 / 1_000_000_000L;
    private static final Pattern EARNED = Pattern.compile("EARNED (\\S+) (\\d+) \\((\\d+) bytes at (\\d+)/GB\\)");
    private static final Pattern REALTIME = Pattern.compile("PACKETS_REALTIME=(\\d+)");
    private static final Pattern VPN_CLIENT = Pattern.compile("VPNCLIENT (\\S+) (\\S+) (\\d+) (\\d+)");

    @TempDir
    Path dir;

    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @Test
    @Timeout(120)
    void relaysEarnTheVpnsBytesTimesTheirPriceAndTheGatewayMetersTheClient() throws Exception {
        boolean ci = System.getenv("CI") != null;
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            if (ci) {
                throw new AssertionError("no /dev/net/tun in CI");
            }
            assumeTrue(false, "needs /dev/net/tun");
        }
        String tag = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
            (byte) ThreadLocalRandom.current().nextInt()});
        String paidvpn = "paidvpn-" + tag;
        String internet = "paidnet-" + tag;
        String veth = "pv" + tag + "a";
        try {
            run("ip", "netns", "add", paidvpn);
        } catch (IOException e) {
            if (ci) {
                throw new AssertionError("ip netns add refused in CI", e);
            }
            assumeTrue(false, "needs root and iproute2: " + e.getMessage());
        }
        namespaces.add(paidvpn);
        Process testnet = null;
        try {
            run("ip", "netns", "add", internet);
            namespaces.add(internet);
            network(paidvpn, internet, veth, "pv" + tag + "b");
            Path www = Files.createDirectories(dir.resolve("www"));
            String expected = VpnTestbed.writeRandom(www.resolve("blob.bin"), BYTES, 11);
            start(internet, "http", "python3", "-m", "http.server", Integer.toString(PORT), "--bind", INTERNET,
                    "--directory", www.toString());
            awaitHttp(internet);

            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Lines out = new Lines();
            testnet = start(paidvpn, "testnet", out, java(), "-Xmx512m", "-cp", classPath, "io.skywire.app.Main",
                    "testnet", "--vpn", "--vpn-route", SUBNET, "--nodes", "6", "--gateways", "1", "--socks-port",
                    "0", "--http-port", "0", "--relay-price", Long.toString(RELAY_PRICE), "--settle-seconds", "1");
            try {
                out.await(line -> line.startsWith("vpn UP"), 75, testnet);
            } catch (IOException e) {
                String err = Files.readString(dir.resolve("testnet.err"));
                throw new IOException(e.getMessage() + "; its stderr ends: "
                        + err.substring(Math.max(0, err.length() - 3000)), e);
            }
            // Replies to the client's tunnel address go through the gateway's TUN, as they would on another host.
            run("ip", "-n", paidvpn, "route", "add", "10.98.0.0/24", "dev", "swtg0", "table", "200");
            run("ip", "-n", paidvpn, "rule", "add", "pref", "10", "iif", veth, "lookup", "200");

            Map<String, Long> before = earned(out.snapshot());
            Path fetched = dir.resolve("fetched.bin");
            long started = System.nanoTime();
            VpnTestbed.Result curl = VpnTestbed.exec("ip", "netns", "exec", paidvpn, "curl", "-sS", "--noproxy", "*",
                    "--max-time", "60", "-o", fetched.toString(), "http://" + INTERNET + ":" + PORT + "/blob.bin");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(curl.exit()).as("curl through the paid VPN: " + curl.output()).isZero();
            assertThat(VpnTestbed.sha256(fetched)).as("the file came intact").isEqualTo(expected);
            LOG.info("{} MB through the paid VPN in {} s", MEGABYTES, String.format("%.1f", seconds));

            // Every byte crossed the two relays of the chain that carried it, each charging at least the first
            // relay's price: the earnings must rise by at least that, less what each relay may not yet have settled.
            long floor = 2 * BYTES * RELAY_PRICE / 1_000_000_000L - 4 * PROMISE_SLACK_PER_RELAY;
            assertThat(floor).isPositive();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long rise = rise(before, earned(out.snapshot()));
            while (rise < floor && System.nanoTime() < deadline) {
                Thread.sleep(500);
                rise = rise(before, earned(out.snapshot()));
            }
            LOG.info("relays' earnings rose by {} droplets (floor {}); earnings now {}", rise, floor,
                    earned(out.snapshot()));
            assertThat(earned(out.snapshot())).as("four paying relays").hasSize(4);
            assertThat(rise).as("the relays' settled earnings for the VPN's bytes").isGreaterThanOrEqualTo(floor);

            long toClient = 0;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (toClient < BYTES && System.nanoTime() < deadline) {
                Thread.sleep(300);
                toClient = meteredToClient(out.snapshot());
            }
            LOG.info("the gateway metered {} bytes to the VPN client for a file of {}", toClient, BYTES);
            assertThat(toClient).as("the gateway's meter of the VPN client: the file and its IP/TCP headers")
                    .isBetween(BYTES, BYTES + BYTES / 4);

            // Small packets went on the real-time lane, a route the paying client opened with the relays' prices
            // (they refuse it unpaid): the gateway counts those it sent there.
            long realtime = realtimePackets(out.snapshot());
            LOG.info("the gateway sent {} packets on the client's real-time lane", realtime);
            assertThat(realtime).as("packets on the paid real-time lane").isPositive();

            stop(testnet);
            assertThat(run("ip", "-n", paidvpn, "rule")).as("the testnet removed its rule").doesNotContain("21335");
            assertThat(run("ip", "netns", "exec", paidvpn, "nft", "list", "tables")).doesNotContain("skywire");
        } finally {
            if (testnet != null && testnet.isAlive()) {
                stop(testnet);
            }
            for (Process process : processes) {
                process.destroyForcibly();
            }
            for (String namespace : namespaces) {
                VpnTestbed.exec("ip", "netns", "delete", namespace);
            }
        }
    }

    /** The paidvpn namespace's veth to the internet, and its routing as the class comment says. */
    private static void network(String paidvpn, String internet, String veth, String peer) throws Exception {
        run("ip", "-n", paidvpn, "link", "set", "lo", "up");
        run("ip", "-n", internet, "link", "set", "lo", "up");
        run("ip", "link", "add", veth, "type", "veth", "peer", "name", peer);
        run("ip", "link", "set", veth, "netns", paidvpn);
        run("ip", "link", "set", peer, "netns", internet);
        run("ip", "-n", paidvpn, "addr", "add", LOCAL + "/24", "dev", veth);
        run("ip", "-n", internet, "addr", "add", INTERNET + "/24", "dev", peer);
        run("ip", "-n", paidvpn, "link", "set", veth, "up");
        run("ip", "-n", internet, "link", "set", peer, "up");
        // Written to /proc/sys inside the namespace (procps' sysctl is not on every minimal system).
        StringBuilder zeroes = new StringBuilder();
        for (String key : List.of("conf/all/rp_filter", "conf/default/rp_filter", "conf/" + veth + "/rp_filter",
                "tcp_early_demux", "udp_early_demux")) {
            zeroes.append("echo 0 > /proc/sys/net/ipv4/").append(key).append(" && ");
        }
        run("ip", "netns", "exec", paidvpn, "sh", "-c", zeroes.append("true").toString());
        run("ip", "-n", paidvpn, "rule", "add", "pref", "100", "lookup", "local");
        run("ip", "-n", paidvpn, "rule", "del", "pref", "0");
    }

    /** Each relay's latest EARNED total, by fingerprint. */
    private static Map<String, Long> earned(List<String> lines) {
        Map<String, Long> earned = new HashMap<>();
        for (String line : lines) {
            Matcher m = EARNED.matcher(line);
            if (m.matches()) {
                earned.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return earned;
    }

    private static long rise(Map<String, Long> before, Map<String, Long> after) {
        long rise = 0;
        for (Map.Entry<String, Long> relay : after.entrySet()) {
            rise += relay.getValue() - before.getOrDefault(relay.getKey(), 0L);
        }
        return rise;
    }

    /** The latest GATEWAY line's count of packets the gateway sent on real-time lanes. */
    private static long realtimePackets(List<String> lines) {
        long latest = 0;
        for (String line : lines) {
            Matcher m = REALTIME.matcher(line);
            if (line.startsWith("GATEWAY ") && m.find()) {
                latest = Long.parseLong(m.group(1));
            }
        }
        return latest;
    }

    /** The latest VPNCLIENT line's bytes to the client. */
    private static long meteredToClient(List<String> lines) {
        long latest = 0;
        for (String line : lines) {
            Matcher m = VPN_CLIENT.matcher(line);
            if (m.matches()) {
                latest = Long.parseLong(m.group(4));
            }
        }
        return latest;
    }

    private static void awaitHttp(String internet) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (VpnTestbed.exec("ip", "netns", "exec", internet, "python3", "-c", "import socket; "
                + "socket.create_connection(('" + INTERNET + "', " + PORT + "), 1).close()").exit() != 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the HTTP server in the internet namespace did not start");
            }
            Thread.sleep(200);
        }
    }

    private Process start(String namespace, String name, String... command) throws IOException {
        return start(namespace, name, null, command);
    }

    private Process start(String namespace, String name, Lines lines, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectError(dir.resolve(name + ".err").toFile());
        if (lines == null) {
            builder.redirectOutput(dir.resolve(name + ".out").toFile());
        }
        Process process = builder.start();
        processes.add(process);
        if (lines != null) {
            Thread pump = new Thread(() -> lines.pump(process.getInputStream()), "out-" + name);
            pump.setDaemon(true);
            pump.start();
        }
        return process;
    }

    /** SIGTERM (the testnet's shutdown hook takes the VPN, exits and rules down), SIGKILL after 30 s. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        VpnTestbed.Result result = VpnTestbed.exec(command);
        if (result.exit() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output().strip());
        }
        return result.output();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A child's stdout lines as they come. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();

        void pump(InputStream in) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                LOG.debug("stdout closed: {}", e.getMessage());
            }
        }

        synchronized List<String> snapshot() {
            return List.copyOf(lines);
        }

        /** Waits for a line {@code wanted} accepts, while {@code process} lives. */
        synchronized String await(Predicate<String> wanted, long seconds, Process process)
                throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new IOException("no awaited line in " + seconds + " s; the testnet printed " + lines
                            + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
                }
                wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
            }
        }
    }
}
