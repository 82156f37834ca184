package io.skywire.app.cli;

import io.skywire.app.testnet.PaidTestnet;
import io.skywire.app.testnet.PaymentSettings;
import io.skywire.app.vpn.TestnetVpn;
import io.skywire.app.vpn.VpnLauncher;
import io.skywire.app.vpn.VpnPrivilege;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxyCredentials;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.vpn.Ipv4Subnet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire testnet}: a whole network on loopback UDP with a local SOCKS5 and HTTP proxy, until SIGTERM or Ctrl-C. */
@Command(name = "testnet", mixinStandardHelpOptions = true,
        description = {"Run a local test network in this process, with a SOCKS5 and HTTP proxy.",
            "Real nodes on loopback UDP, gateways with different prices and regions, and proxies that reach the",
            "cheapest gateway over a group of two disjoint routes of at least 3 hops: the nodes other than the",
            "client and the gateways form two relay chains. Its gateways allow loopback destinations (test network",
            "only). Unless --free: a local chain and an escrow (HTTP on 127.0.0.1), relays that charge per GB and",
            "settle every --settle-seconds, and a client funded from the chain's faucet that pays them as bytes",
            "flow. Prints ESCROW http://127.0.0.1:PORT, then EARNED and PAYOUT lines as the relays settle (README).",
            "With --vpn (root or CAP_NET_ADMIN) the gateways run the VPN exit and the client runs the VPN through",
            "its proxy's (paying) route opener for the --vpn-route subnets only, printing 'vpn STATE: detail' lines",
            "and, every --settle-seconds, GATEWAY and VPNCLIENT lines (docs/ARCHITECTURE.md, VPN mode)."})
final class TestnetCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TestnetCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private TestNetworkOptions size;

    @Option(names = "--loss", defaultValue = "0", description = "Probability in [0, 1) of dropping each UDP datagram sent.")
    private double loss;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the injected loss.")
    private long seed;

    @Option(names = "--kill-switch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "While no gateway works, refuse connections (default) instead of connecting directly, outside the tunnel.")
    private boolean killSwitch;

    @Option(names = "--free", description = "No payments: no escrow, relays forward for nothing.")
    private boolean free;

    @Option(names = "--relay-price", paramLabel = "DROPLETS", defaultValue = "1000000",
            description = "The first relay's price in droplets per GB; relay r charges (4 + r) / 4 times it (default 1 SKY).")
    private long relayPrice;

    @Option(names = "--settle-seconds", defaultValue = "10",
            description = "How often each relay settles its promises at the escrow (default 10).")
    private long settleSeconds;

    @Option(names = "--proxy-user", paramLabel = "NAME",
            description = "Require this user name on both proxies (SOCKS5: RFC 1929; HTTP: Basic); needs --proxy-password-file.")
    private String proxyUser;

    @Option(names = "--proxy-password-file", paramLabel = "FILE",
            description = "File whose first line is the proxies' password (for --proxy-user).")
    private Path proxyPasswordFile;

    @Option(names = "--vpn", description = "Also run the VPN: a TUN device on the client, the tunnel exit on every "
            + "gateway; needs root or CAP_NET_ADMIN and --vpn-route.")
    private boolean vpn;

    @Option(names = "--vpn-route", paramLabel = "CIDR", description = "A subnet the VPN carries (may repeat; at least "
            + "one: all of IPv4 is refused, since the test network's gateways exit through this machine's routes too).")
    private List<String> vpnRoutes = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Ipv4Subnet> tunnelled = vpnRoutes();
        if (settleSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--settle-seconds must be at least 1");
        }
        size.validate(spec.commandLine());
        if (!(loss >= 0 && loss < 1)) {
            throw new ParameterException(spec.commandLine(), "--loss must be in [0, 1)");
        }
        ProxySettings proxySettings = size.proxySettings().withKillSwitch(killSwitch);
        if ((proxyUser == null) != (proxyPasswordFile == null)) {
            throw new ParameterException(spec.commandLine(), "--proxy-user and --proxy-password-file go together");
        }
        if (proxyUser != null) {
            proxySettings = proxySettings.withCredentials(readCredentials());
        }
        PaymentSettings payments = null;
        if (!free) {
            try {
                payments = PaymentSettings.DEFAULT.withRelayPrice(relayPrice)
                        .withSettlePeriod(Duration.ofSeconds(settleSeconds));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "payments: " + e.getMessage());
            }
        }
        if (vpn) {
            VpnPrivilege privilege = VpnPrivilege.ofThisProcess();
            if (!privilege.granted()) {
                throw new CommandFailedException("--vpn: " + privilege.reason() + ": " + VpnLauncher.NEEDS_PRIVILEGE);
            }
        }
        Path dataRoot = Files.createTempDirectory("skywire-testnet");
        LocalTestNetwork network;
        PaidTestnet paid = null;
        try {
            if (payments == null) {
                network = LocalTestNetwork.start(dataRoot, size.nodes, size.gateways, proxySettings, loss, seed);
            } else {
                paid = PaidTestnet.start(dataRoot, size.nodes, size.gateways, proxySettings, loss, seed, payments);
                network = paid.network();
            }
        } catch (IllegalArgumentException e) {
            deleteTree(dataRoot);
            throw new IOException(e.getMessage(), e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(dataRoot);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        AutoCloseable running = paid == null ? network : paid;
        TestnetVpn tunnel = null;
        if (vpn) {
            try {
                tunnel = TestnetVpn.start(network, paid == null ? RouteOpener.UNPAID : paid.routeOpener(), tunnelled);
            } catch (IOException | RuntimeException e) {
                closeQuietly(running);
                deleteTree(dataRoot);
                throw new CommandFailedException("--vpn: " + e.getMessage());
            }
        }
        TestnetVpn runningVpn = tunnel;
        ScheduledExecutorService figures = runningVpn == null ? null
                : Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "skywire-testnet-figures");
                    thread.setDaemon(true);
                    return thread;
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the test network");
            if (runningVpn != null) {
                figures.shutdownNow();
                runningVpn.close();
            }
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("stopping the test network: {}", e.toString());
            }
            deleteTree(dataRoot);
            LOG.info("test network stopped");
            stopped.countDown();
        }, "skywire-shutdown"));
        synchronized (out) {
            out.println("SOCKS5 127.0.0.1:" + network.proxy().socksAddress().getPort());
            out.println("HTTP 127.0.0.1:" + network.proxy().httpAddress().getPort());
            if (paid != null) {
                out.println("ESCROW http://127.0.0.1:" + paid.escrow().server().address().getPort());
            }
            out.flush();
        }
        if (paid != null) {
            paid.onRound(new EarningsPrinter(out));
        }
        printTunnelChanges(network, out);
        if (runningVpn != null) {
            runningVpn.client().onStatus(status -> {
                synchronized (out) {
                    out.println(VpnLauncher.statusLine(status));
                    out.flush();
                }
            });
            figures.scheduleWithFixedDelay(GatewayFigures.printChanges(() -> figures(runningVpn), out), settleSeconds,
                    settleSeconds, TimeUnit.SECONDS);
        }
        stopped.await();
        return 0;
    }

    /** The --vpn-route subnets, refused (exit code 2) when they are malformed, given without --vpn, or unsafe here. */
    private List<Ipv4Subnet> vpnRoutes() {
        if (!vpn) {
            if (!vpnRoutes.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--vpn-route needs --vpn");
            }
            return List.of();
        }
        List<Ipv4Subnet> subnets = new ArrayList<>();
        for (String route : vpnRoutes) {
            try {
                subnets.add(Ipv4Subnet.parse(route));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--vpn-route: " + e.getMessage());
            }
        }
        String refused = TestnetVpn.refusal(subnets);
        if (refused != null) {
            throw new ParameterException(spec.commandLine(), "--vpn: " + refused);
        }
        return subnets;
    }

    /** Every gateway's exit and VPN figures (GatewayFigures). */
    private static List<String> figures(TestnetVpn vpn) {
        List<String> lines = new ArrayList<>();
        for (TestnetVpn.Gateway gateway : vpn.gateways()) {
            lines.addAll(GatewayFigures.lines(gateway.node(), gateway.exit(), gateway.vpn()));
        }
        return lines;
    }

    private static void closeQuietly(AutoCloseable running) {
        try {
            running.close();
        } catch (Exception e) {
            LOG.warn("stopping the test network: {}", e.toString());
        }
    }

    /** One line per change of the tunnel's state or gateway: {@code TUNNEL <state>: <reason> (gateway ...)}. */
    private static void printTunnelChanges(LocalTestNetwork network, PrintWriter out) {
        Object[] last = new Object[2];
        java.util.function.Consumer<TunnelStatus> print = status -> {
            synchronized (last) {
                if (status.state() != last[0] || !java.util.Objects.equals(status.gateway(), last[1])) {
                    last[0] = status.state();
                    last[1] = status.gateway();
                    synchronized (out) {
                        out.println("TUNNEL " + status);
                        out.flush();
                    }
                }
            }
        };
        network.proxy().onStatus(print);
        print.accept(network.proxy().status());
    }

    private ProxyCredentials readCredentials() throws IOException {
        String password;
        try (Stream<String> lines = Files.lines(proxyPasswordFile)) {
            password = lines.findFirst().orElse("");
        } catch (IOException e) {
            throw new IOException("cannot read the proxy password file " + proxyPasswordFile + ": " + e.getMessage(), e);
        }
        try {
            return new ProxyCredentials(proxyUser, password);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "proxy credentials: " + e.getMessage());
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", root, e.toString());
        }
    }
}
