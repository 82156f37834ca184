package io.skywire.app.cli;

import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.GatewayOffer;
import io.skywire.node.gateway.VpnExit;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.vpn.Ipv4Subnet;
import io.skywire.node.vpn.TunDevice;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code skywire vpn gateway}: runs a node as a gateway for both SOCKS streams and VPN clients until SIGTERM, with
 * its TUN device, NAT and DNS relay; removes them on exit.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run a node as a gateway for SOCKS streams and VPN clients until SIGTERM or Ctrl-C.",
            "stdout: 'node ID (FINGERPRINT)', 'udp ADDR, tcp ADDR', 'vpn gateway ADDRESS on INTERFACE', then,",
            "whenever they changed, 'GATEWAY FINGERPRINT exit {...} vpn {...}' and one",
            "'VPNCLIENT FINGERPRINT ADDRESS BYTES_FROM BYTES_TO' line per VPN client (every --figures-seconds)."})
final class VpnGatewayCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(VpnGatewayCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The node's config file.")
    private Path configFile;

    @Option(names = "--interface", paramLabel = "NAME", defaultValue = "swgw0", description = "TUN interface (${DEFAULT-VALUE}).")
    private String interfaceName;

    @Option(names = "--subnet", paramLabel = "CIDR", defaultValue = "10.99.0.0/24",
            description = "Tunnel addresses; host 1 is the gateway's (${DEFAULT-VALUE}).")
    private String subnet;

    @Option(names = "--mtu", defaultValue = "1400", description = "The tunnel's MTU (${DEFAULT-VALUE}).")
    private int mtu;

    @Option(names = "--allow", paramLabel = "CIDR",
            description = "A destination subnet VPN clients may reach although it is private (may repeat).")
    private List<String> allowed = new ArrayList<>();

    @Option(names = "--allow-private", description = "Let SOCKS streams reach private and loopback addresses too "
            + "(test networks only).")
    private boolean allowPrivate;

    @Option(names = "--dns", paramLabel = "HOST:PORT",
            description = "The resolver DNS queries to the gateway's tunnel address are relayed to.")
    private String dns;

    @Option(names = "--price", defaultValue = "0", description = "Price per GB in droplets (${DEFAULT-VALUE}).")
    private long price;

    @Option(names = "--figures-seconds", defaultValue = "10",
            description = "How often the exit's and the VPN clients' figures are printed when changed (${DEFAULT-VALUE}).")
    private long figuresSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (figuresSeconds < 1) {
            throw new CommandFailedException("--figures-seconds must be at least 1");
        }
        List<Ipv4Subnet> extra = allowed.stream().map(Ipv4Subnet::parse).toList();
        InetSocketAddress upstream = dns == null ? null : VpnUpCommand.hostPort(dns);
        VpnExit.Settings settings = new VpnExit.Settings(interfaceName, Ipv4Subnet.parse(subnet), mtu, extra, upstream);
        if (!TunDevice.supported()) {
            throw new CommandFailedException("no /dev/net/tun here: " + VpnCommand.NEEDS_PRIVILEGE);
        }
        NodeRuntime runtime = NodeRuntime.start(NodeConfigFiles.load(configFile));
        ExitPolicy policy = allowPrivate ? ExitPolicy.publicOnly().allowingPrivateDestinations()
                : ExitPolicy.publicOnly();
        ExitService exit = ExitService.start(runtime, new GatewayOffer(price, 1024, "unknown", policy, 10_000));
        VpnExit vpn;
        try {
            vpn = VpnExit.start(exit, settings);
        } catch (IOException e) {
            exit.close();
            runtime.stop();
            throw new CommandFailedException(e.getMessage() + (e.getMessage().contains("CAP_NET_ADMIN") ? ""
                    : "") + "; " + VpnCommand.NEEDS_PRIVILEGE);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PrintWriter out = spec.commandLine().getOut();
        ScheduledExecutorService figures = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skywire-gateway-figures");
            thread.setDaemon(true);
            return thread;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            figures.shutdownNow();
            LOG.info("stopping gateway: {}; clients {}", vpn.counters(), vpn.clients());
            vpn.close();
            exit.close();
            runtime.stop();
            stopped.countDown();
        }, "skywire-shutdown"));
        out.printf("node %s (%s)%n", runtime.nodeId().hex(), runtime.nodeId().fingerprint());
        NodeRuntime.BoundAddresses bound = runtime.boundAddresses();
        out.printf("udp %s, tcp %s%n", bound.udp(), bound.tcp());
        out.printf("vpn gateway %s on %s%n", vpn.gatewayAddress(), interfaceName);
        out.flush();
        figures.scheduleWithFixedDelay(GatewayFigures.printChanges(
                () -> GatewayFigures.lines(runtime.nodeId(), exit, vpn), out), figuresSeconds, figuresSeconds,
                TimeUnit.SECONDS);
        stopped.await();
        return 0;
    }
}
