package io.skywire.app.cli;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.DiscoveredPeer;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code skywire node}: runs a headless node until SIGTERM or Ctrl-C. Its stdout is for machines: the node's id,
 * its addresses, then one {@code peer} line per node it discovers.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run a headless Skywire node (forwarding for others) until SIGTERM or Ctrl-C.",
            "The config file format is in docs/CONFIG.md.",
            "stdout: 'node ID (FINGERPRINT)', 'udp ADDR, tcp ADDR', then for every node discovered (LAN, bootstrap,",
            "peer exchange, DHT) one line 'peer ID via lan|hello|pex|dht ADDRESSES' (addresses comma-separated).",
            "It runs the sync and chat services with a control channel on 127.0.0.1 for 'skywire sync' and",
            "'skywire chat' (docs/CONFIG.md, \"Control channel\"); --no-services leaves them off."})
final class NodeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The node's config file.")
    private Path configFile;

    @Option(names = "--no-services", description = "Run no services (sync, chat) and no control channel.")
    private boolean noServices;

    @Override
    public Integer call() throws IOException, InterruptedException {
        NodeConfig config = NodeConfigFiles.load(configFile);

        NodeRuntime runtime = NodeRuntime.start(config);
        NodeServices services = noServices ? null : NodeServices.start(runtime, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            LOG.info("stopping node {}", runtime.nodeId().fingerprint());
            if (services != null) {
                services.close();
            }
            runtime.stop();
            stopped.countDown();
        }, "skywire-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        PrintWriter out = spec.commandLine().getOut();
        NodeRuntime.BoundAddresses bound = runtime.boundAddresses();
        out.printf("node %s (%s)%n", runtime.nodeId().hex(), runtime.nodeId().fingerprint());
        out.printf("udp %s, tcp %s%n", describe(bound.udp()), describe(bound.tcp()));
        out.flush();
        printPeers(runtime, out);
        if (services == null) {
            runtime.onIncomingRoute(session -> LOG.info("route established from {}", session));
        }
        stopped.await();
        return 0;
    }

    /** One line per discovered node, the first time it is seen (nodes found before this call included). */
    private static void printPeers(NodeRuntime runtime, PrintWriter out) {
        Set<NodeId> printed = ConcurrentHashMap.newKeySet();
        Consumer<DiscoveredPeer> print = peer -> {
            NodeRecord record = peer.record();
            if (printed.add(record.nodeKey())) {
                String addresses = record.addresses().stream().map(Object::toString).collect(Collectors.joining(","));
                String via = peer.via().name().toLowerCase(Locale.ROOT);
                synchronized (out) {
                    out.printf("peer %s via %s %s%n", record.nodeKey().hex(), via,
                            addresses.isEmpty() ? "-" : addresses);
                    out.flush();
                }
            }
        };
        runtime.discovery().onDiscovered(print);
    }

    private static String describe(InetSocketAddress address) {
        return address == null ? "off" : address.getHostString() + ":" + address.getPort();
    }
}
