package io.skywire.node.service;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.runtime.BootstrapConfig;
import io.skywire.node.runtime.DiscoveryConfig;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeKeyFile;
import io.skywire.node.runtime.NodeRuntime;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Nodes on 127.0.0.1 for the service tests: the first has no bootstrap, the others bootstrap from it (LAN discovery
 * off), so they find and link to each other through peer exchange and the DHT, as configured nodes do.
 */
final class LoopbackNodes implements AutoCloseable {

    static final InetSocketAddress LOOPBACK_ANY = new InetSocketAddress("127.0.0.1", 0);
    /** A liveness bound for a loaded machine, not a timing claim. */
    static final Duration LIVENESS = Duration.ofSeconds(60);

    private final Path root;
    private final List<AutoCloseable> started = new ArrayList<>();
    private NodeRuntime first;

    LoopbackNodes(Path root) {
        this.root = root;
    }

    Path dataDir(String name) {
        return root.resolve(name);
    }

    static NodeKeyPair keys(Path dataDir) throws Exception {
        return NodeKeyFile.loadOrCreate(dataDir);
    }

    NodeRuntime start(String name, Set<NodeId> guards) throws Exception {
        List<BootstrapConfig> bootstrap = first == null ? List.of()
                : List.of(new BootstrapConfig(null, first.boundAddresses().udp()));
        NodeConfig config = NodeConfig.udp(LOOPBACK_ANY, dataDir(name))
                .withDiscovery(DiscoveryConfig.defaults().withLan(false, false).withBootstrap(bootstrap))
                .withGuards(guards);
        NodeRuntime node = NodeRuntime.start(config);
        if (first == null) {
            first = node;
        }
        started.add(node);
        return node;
    }

    ServiceHost host(NodeRuntime node, String name, ServiceHost.Settings settings) throws Exception {
        ServiceHost host = ServiceHost.start(node, keys(dataDir(name)), PathFinder.overKnownLinks(node), settings);
        started.add(0, host);
        return host;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIVENESS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LIVENESS.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until every node has a link to every other. */
    static void linkedAll(List<NodeRuntime> nodes) throws Exception {
        for (NodeRuntime node : nodes) {
            for (NodeRuntime other : nodes) {
                if (node != other) {
                    await(node.linkUp(other.nodeId()));
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : started) {
            if (closeable instanceof NodeRuntime node) {
                node.stop();
            } else {
                closeable.close();
            }
        }
    }
}
