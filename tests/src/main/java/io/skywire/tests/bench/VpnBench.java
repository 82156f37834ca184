package io.skywire.tests.bench;

import io.skywire.tests.vpn.VpnTestbed;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Scenario runner: the VPN path against the SOCKS path, in the same run, over the same network namespaces as
 * {@code VpnNamespaceTest} (client, two transit nodes, gateway, internet; real node processes, UDP links on veth
 * pairs). The client runs {@code skywire vpn up --socks PORT}: the VPN and a SOCKS5 proxy over the same path to the
 * same gateway. curl in the client namespace fetches the same file from the internet's HTTP server, alternately
 * plainly (through the TUN device, the tunnel and the gateway's NAT) and with {@code --socks5} (a stream to the
 * gateway's exit); the median of the rounds and their ratio are printed. Needs root.
 *
 * <p>Usage: {@code VpnBench [megabytes[,rounds]]} (defaults 20,3).
 */
public final class VpnBench {

    private static final int SOCKS_PORT = 1080;

    private VpnBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] values = args.length > 0 && !args[0].isBlank() ? args[0].split(",") : new String[0];
        int megabytes = values.length > 0 ? Integer.parseInt(values[0].trim()) : 20;
        int rounds = values.length > 1 ? Integer.parseInt(values[1].trim()) : 3;
        Path dir = Files.createTempDirectory("skywire-vpn-bench");
        try (VpnTestbed bed = VpnTestbed.create(dir, System.getProperty("java.class.path"))) {
            Path www = Files.createDirectories(dir.resolve("www"));
            Path blob = www.resolve("blob.bin");
            byte[] chunk = new byte[1 << 20];
            new Random(1).nextBytes(chunk);
            try (var out = Files.newOutputStream(blob)) {
                for (int i = 0; i < megabytes; i++) {
                    out.write(chunk);
                }
            }
            bed.startNetwork(blob);
            bed.vpnUp("--socks", Integer.toString(SOCKS_PORT));
            String url = "http://" + VpnTestbed.INTERNET + ":" + VpnTestbed.HTTP_PORT + "/blob.bin";
            long size = (long) megabytes << 20;
            fetch(bed, url, false);
            fetch(bed, url, true);
            double[] vpn = new double[rounds];
            double[] socks = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                vpn[r] = size / 1e6 / fetch(bed, url, false);
                socks[r] = size / 1e6 / fetch(bed, url, true);
            }
            VpnTestbed.Result status = bed.skywireCommand("vpn", "status", "--state", bed.stateFile().toString());
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "%nVPN vs SOCKS through client - 2 transit - gateway (namespaces, UDP links): %d MB "
                    + "per fetch, median of %d rounds; Java %s, %d cores%n", megabytes, rounds,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-44s %10s   %s%n", "path", "MB/s", "rounds");
            out.printf(Locale.ROOT, "%-44s %10.2f   %s%n", "SOCKS5 proxy (streams to the exit)", median(socks),
                    Arrays.toString(round(socks)));
            out.printf(Locale.ROOT, "%-44s %10.2f   %s%n", "VPN (TUN, IP packets, gateway NAT)", median(vpn),
                    Arrays.toString(round(vpn)));
            out.printf(Locale.ROOT, "ratio VPN / SOCKS: %.3f%n", median(vpn) / median(socks));
            out.println(status.output().strip());
        }
    }

    /** Seconds curl took for the whole file (fails when it did not get it). */
    private static double fetch(VpnTestbed bed, String url, boolean socks) throws Exception {
        String format = "%{time_total} %{size_download}";
        VpnTestbed.Result result = socks
                ? bed.execIn(bed.ns(0), "curl", "-sS", "-o", "/dev/null", "-w", format, "--max-time", "300",
                        "--socks5", "127.0.0.1:" + SOCKS_PORT, url)
                : bed.execIn(bed.ns(0), "curl", "-sS", "-o", "/dev/null", "-w", format, "--max-time", "300", url);
        if (result.exit() != 0) {
            throw new IllegalStateException("curl failed: " + result.output());
        }
        String[] parts = result.output().strip().split(" ");
        return Double.parseDouble(parts[0]);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
    }
}
