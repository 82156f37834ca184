package io.skywire.tests.bench;

import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxySettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scenario runner: the same transfer from a local server, once straight over loopback TCP and once through the test
 * network's SOCKS5 proxy and its route group of two disjoint routes of 3 hops (client, two relay chains of two,
 * gateway; real nodes on loopback UDP), in the same run; then connection setup time (TCP connect vs. SOCKS5 CONNECT
 * through the tunnel until the gateway's answer). Prints MB/s, milliseconds and the ratios.
 *
 * <p>Usage: {@code TunnelBench [megabytes[,rounds[,connections]]]} (defaults 50,3,50; one argument, because the
 * bench profile passes {@code -Dbench=...} as the single argument).
 */
public final class TunnelBench {

    private TunnelBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] values = args.length > 0 && !args[0].isBlank() ? args[0].split(",") : new String[0];
        int megabytes = values.length > 0 ? Integer.parseInt(values[0].trim()) : 50;
        int rounds = values.length > 1 ? Integer.parseInt(values[1].trim()) : 3;
        int connections = values.length > 2 ? Integer.parseInt(values[2].trim()) : 50;
        long size = (long) megabytes << 20;
        Path data = Files.createTempDirectory("skywire-tunnel-bench");
        ExecutorService serving = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "origin");
            thread.setDaemon(true);
            return thread;
        });
        try (ServerSocket origin = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
             LocalTestNetwork network = LocalTestNetwork.start(data, 6, 1, ProxySettings.loopback(0, -1), 0, 1)) {
            serving.execute(() -> serve(origin, size, serving));
            InetSocketAddress target = (InetSocketAddress) origin.getLocalSocketAddress();
            InetSocketAddress proxy = network.proxy().socksAddress();
            int hops = network.gateways().get(0).hops();

            // Warm both paths up once (JIT, route credit), then alternate so that drift hits both alike.
            transferDirect(target);
            transferTunnel(proxy, target);
            double[] direct = new double[rounds];
            double[] tunnel = new double[rounds];
            // The whole process's CPU time (all nodes, proxy, exit, origin and reader) per MB moved: on a shared host
            // the MB/s follow the CPU share the process gets, the CPU per MB is what the code costs.
            long directCpu = 0;
            long tunnelCpu = 0;
            for (int r = 0; r < rounds; r++) {
                long cpu = processCpuNanos();
                direct[r] = size / 1e6 / transferDirect(target);
                long between = processCpuNanos();
                tunnel[r] = size / 1e6 / transferTunnel(proxy, target);
                directCpu += between - cpu;
                tunnelCpu += processCpuNanos() - between;
            }
            double[] connect = new double[connections];
            double[] socksConnect = new double[connections];
            for (int i = 0; i < connections; i++) {
                connect[i] = setupDirect(target);
                socksConnect[i] = setupTunnel(proxy, target);
            }

            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "%nTunnel vs direct on loopback: %d MB per transfer, median of %d rounds; Java %s, %d cores%n",
                    megabytes, rounds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-52s %10s%n", "path", "MB/s");
            out.printf(Locale.ROOT, "%-52s %10.1f%n", "direct loopback TCP", median(direct));
            out.printf(Locale.ROOT, "%-52s %10.1f%n", "SOCKS5 through the tunnel (" + hops + " hops, UDP links)",
                    median(tunnel));
            out.printf(Locale.ROOT, "ratio tunnel / direct: %.3f%n", median(tunnel) / median(direct));
            double megabytesMoved = (double) rounds * size / 1e6;
            out.printf(Locale.ROOT, "process CPU per MB: direct %.1f ms, tunnel %.1f ms%n",
                    directCpu / 1e6 / megabytesMoved, tunnelCpu / 1e6 / megabytesMoved);
            out.printf(Locale.ROOT, "%nConnection setup, %d connections%n", connections);
            out.printf(Locale.ROOT, "%-52s %10s %10s%n", "setup", "median ms", "p90 ms");
            out.printf(Locale.ROOT, "%-52s %10.2f %10.2f%n", "TCP connect, direct", median(connect),
                    percentile(connect, 0.9));
            out.printf(Locale.ROOT, "%-52s %10.2f %10.2f%n", "SOCKS5 CONNECT through the tunnel to OPENED",
                    median(socksConnect), percentile(socksConnect, 0.9));
            out.printf(Locale.ROOT, "ratio tunnel / direct setup (median): %.1f%n", median(socksConnect) / median(connect));
        } finally {
            serving.shutdownNow();
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each accepted connection gets {@code size} bytes, then the server closes it (a connection that sends nothing first). */
    private static void serve(ServerSocket origin, long size, ExecutorService serving) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 0x5a);
        while (!origin.isClosed()) {
            Socket socket;
            try {
                socket = origin.accept();
            } catch (IOException e) {
                return;
            }
            serving.execute(() -> {
                try (socket; OutputStream out = socket.getOutputStream()) {
                    InputStream in = socket.getInputStream();
                    int wanted = in.read();
                    for (long sent = 0; wanted == 'G' && sent < size; sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                    }
                } catch (IOException e) {
                    // The client went away: nothing to do for a benchmark origin.
                }
            });
        }
    }

    /** Seconds to fetch everything directly. */
    private static double transferDirect(InetSocketAddress target) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket(target.getAddress(), target.getPort())) {
            return drain(socket, start);
        }
    }

    /** Seconds to fetch everything through SOCKS5. */
    private static double transferTunnel(InetSocketAddress proxy, InetSocketAddress target) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = socksConnect(proxy, target)) {
            return drain(socket, start);
        }
    }

    private static double drain(Socket socket, long start) throws IOException {
        socket.getOutputStream().write('G');
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[256 * 1024];
        while (in.read(buffer) >= 0) {
            // Count nothing: the server closes after the last byte.
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double setupDirect(InetSocketAddress target) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket(target.getAddress(), target.getPort())) {
            double millis = (System.nanoTime() - start) / 1e6;
            socket.getOutputStream().write('x');
            return millis;
        }
    }

    private static double setupTunnel(InetSocketAddress proxy, InetSocketAddress target) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = socksConnect(proxy, target)) {
            double millis = (System.nanoTime() - start) / 1e6;
            socket.getOutputStream().write('x');
            return millis;
        }
    }

    /** SOCKS5 no-auth CONNECT to an IPv4 target; returns once the proxy says the gateway connected. */
    private static Socket socksConnect(InetSocketAddress proxy, InetSocketAddress target) throws IOException {
        Socket socket = new Socket(proxy.getAddress(), proxy.getPort());
        socket.setTcpNoDelay(true);
        byte[] address = target.getAddress().getAddress();
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {5, 1, 0, 5, 1, 0, 1, address[0], address[1], address[2], address[3],
                (byte) (target.getPort() >> 8), (byte) target.getPort()});
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] reply = new byte[12];
        in.readFully(reply);
        if (reply[1] != 0 || reply[3] != 0) {
            socket.close();
            throw new IOException("SOCKS5 refused: method " + reply[1] + ", reply " + reply[3]);
        }
        return socket;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
