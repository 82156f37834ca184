package io.skywire.app.cli;

import io.skywire.node.engine.ForwardingMode;
import io.skywire.app.vpn.VpnLauncher;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.ProxyServer;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.gateway.VpnClient;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.vpn.Ipv4Subnet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * {@code skywire vpn up}: runs the client node with the VPN until {@code skywire vpn down} (SIGTERM) or Ctrl-C.
 * Prints one {@code vpn STATE: detail} line per change (the status line) and keeps the state file current for
 * {@code vpn status}.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the VPN: a TUN device, routes into it, the kill switch; runs until 'skywire vpn down'.",
            "The first hops must be static peers in the config (their addresses stay outside the tunnel).",
            "stdout: 'node ID (FINGERPRINT)', then one 'vpn CONNECTING|UP|DOWN: detail' line per change."})
final class VpnUpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(VpnUpCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The node's config file.")
    private Path configFile;

    @Option(names = "--path", paramLabel = "ID,ID,...", required = true,
            description = "A path to the gateway: node ids, the gateway last; repeat for node-disjoint paths "
                    + "(a route group).")
    private List<String> paths;

    @Option(names = "--interface", paramLabel = "NAME", defaultValue = "swvpn0", description = "TUN interface (${DEFAULT-VALUE}).")
    private String interfaceName;

    @Option(names = "--route", paramLabel = "CIDR",
            description = "A subnet to send through the tunnel (may repeat; default: all of IPv4).")
    private List<String> routes = new ArrayList<>();

    @Option(names = "--no-kill-switch", description = "Let traffic leave outside the tunnel while it is down.")
    private boolean noKillSwitch;

    @Option(names = "--cut-through",
            description = "Open the bulk packet lane cut-through: no per-hop buffering, lost packets resent end to end "
                    + "by the TCP inside (lower latency). Default: store-and-forward.")
    private boolean cutThrough;

    @Option(names = "--resolv-conf", paramLabel = "FILE",
            description = "Point this resolv.conf at the gateway while up (e.g. /etc/resolv.conf); restored on down.")
    private Path resolvConf;

    @Option(names = "--socks", paramLabel = "PORT",
            description = "Also run the SOCKS5 proxy on 127.0.0.1:PORT over the same path (to compare the two).")
    private Integer socksPort;

    @Option(names = "--state", paramLabel = "FILE", description = "State file for 'vpn status' and 'vpn down'.")
    private Path stateFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        NodeConfig config = NodeConfigFiles.load(configFile);
        List<List<NodeId>> parsedPaths = paths.stream().map(VpnUpCommand::parsePath).toList();
        List<InetAddress> firstHops = firstHops(config, parsedPaths);
        List<Ipv4Subnet> subnets = routes.isEmpty() ? VpnClient.ALL_IPV4
                : routes.stream().map(Ipv4Subnet::parse).toList();
        try {
            VpnLauncher.requireTun();
        } catch (IOException e) {
            throw new CommandFailedException(e.getMessage());
        }
        Path state = stateFile != null ? stateFile : VpnStateFile.forInterface(interfaceName);
        if (VpnStateFile.read(state).isPresent()) {
            throw new CommandFailedException("a VPN already runs on " + interfaceName + " ('skywire vpn status')");
        }
        NodeRuntime runtime = NodeRuntime.start(config);
        for (List<NodeId> path : parsedPaths) {
            runtime.linkUp(path.get(0)).orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        GatewayCandidate candidate = GatewayCandidate.overPaths(parsedPaths, 0, 0, "unknown");
        VpnClient client;
        try {
            client = VpnLauncher.start(runtime, candidate, RouteOpener.UNPAID, new VpnClient.Settings(interfaceName,
                    subnets, firstHops, !noKillSwitch, resolvConf, bulkMode()));
        } catch (IOException e) {
            runtime.stop();
            throw new CommandFailedException(e.getMessage());
        }
        ProxyServer socks = null;
        if (socksPort != null) {
            socks = ProxyServer.start(runtime, parsedPaths.get(0), ProxySettings.loopback(socksPort, 0)
                    .withKillSwitch(true));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("node %s (%s)%n", runtime.nodeId().hex(), runtime.nodeId().fingerprint());
        out.flush();
        long pid = ProcessHandle.current().pid();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "skywire-vpn-state");
            thread.setDaemon(true);
            return thread;
        });
        Runnable writeState = () -> {
            VpnClient.Status status = client.status();
            try {
                VpnStateFile.write(state, pid, VpnLauncher.statusLine(status), status.counters().toString());
            } catch (IOException e) {
                LOG.warn("cannot write {}: {}", state, e.getMessage());
            }
        };
        client.onStatus(status -> {
            synchronized (out) {
                out.println(VpnLauncher.statusLine(status));
                out.flush();
            }
            try {
                writer.execute(writeState);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("state file no longer written: stopping");
            }
        });
        writer.scheduleAtFixedRate(writeState, 1, 1, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        ProxyServer proxy = socks;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            writer.shutdownNow();
            if (proxy != null) {
                proxy.close();
            }
            client.close();
            runtime.stop();
            try {
                Files.deleteIfExists(state);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", state, e.getMessage());
            }
            stopped.countDown();
        }, "skywire-shutdown"));
        stopped.await();
        return 0;
    }

    /** The bulk lane's forwarding mode {@code --cut-through} asks for. */
    ForwardingMode bulkMode() {
        return cutThrough ? ForwardingMode.CUT_THROUGH : ForwardingMode.STORE_AND_FORWARD;
    }

    private static List<NodeId> parsePath(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).map(NodeId::fromHex).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException("--path " + text + ": " + e.getMessage());
        }
    }

    /** The static peers' addresses of every path's first hop: they must stay outside the tunnel. */
    private static List<InetAddress> firstHops(NodeConfig config, List<List<NodeId>> paths) {
        Set<InetAddress> hops = new LinkedHashSet<>();
        for (List<NodeId> path : paths) {
            NodeId first = path.get(0);
            PeerConfig peer = config.peers().stream().filter(p -> p.id().equals(first)).findFirst()
                    .orElseThrow(() -> new CommandFailedException("first hop " + first.hex() + " is not a 'peer' "
                            + "in the config: its address is needed to keep it outside the tunnel"));
            hops.add(peer.address().getAddress());
        }
        return List.copyOf(hops);
    }

    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new CommandFailedException("expected HOST:PORT, got '" + text + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (IOException | NumberFormatException e) {
            throw new CommandFailedException("expected HOST:PORT, got '" + text + "'");
        }
    }
}
