package io.skywire.node.runtime;

import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts nodes on 127.0.0.1 ephemeral ports for tests and stops them all at the end. */
final class RuntimeNodes implements AutoCloseable {

    static final InetSocketAddress LOOPBACK_ANY = new InetSocketAddress("127.0.0.1", 0);

    private final Path root;
    private final List<NodeRuntime> started = new ArrayList<>();
    private int next;

    RuntimeNodes(Path root) {
        this.root = root;
    }

    /** A data directory with its key created ahead, so peers can be configured before the node starts. */
    Path newDataDir() {
        return root.resolve("node-" + next++);
    }

    static NodeId idOf(Path dataDir) throws Exception {
        return NodeKeyFile.loadOrCreate(dataDir).nodeId();
    }

    NodeRuntime start(NodeConfig config) throws Exception {
        NodeRuntime runtime = NodeRuntime.start(config);
        started.add(runtime);
        return runtime;
    }

    /**
     * A chain of UDP nodes, each dialling the next (started from the last so addresses are known);
     * returns them in chain order with every link up.
     */
    List<NodeRuntime> udpChain(int length, UdpFaults faults, long rate) throws Exception {
        List<NodeRuntime> chain = new ArrayList<>();
        NodeRuntime after = null;
        for (int i = 0; i < length; i++) {
            Path dir = newDataDir();
            NodeConfig config = NodeConfig.udp(LOOPBACK_ANY, dir).withUdpRate(rate)
                    .withUdpFaults(new UdpFaults(faults.dropOnSend(), faults.dropOnReceive(), faults.delayMillis(),
                            faults.seed() + i));
            if (after != null) {
                config = config.withPeers(List.of(new PeerConfig(after.nodeId(), Transport.UDP,
                        after.boundAddresses().udp())));
            }
            NodeRuntime node = start(config);
            chain.add(0, node);
            after = node;
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            TestTransfer.await(chain.get(i).linkUp(chain.get(i + 1).nodeId()));
            TestTransfer.await(chain.get(i + 1).linkUp(chain.get(i).nodeId()));
        }
        return chain;
    }

    @Override
    public void close() {
        for (NodeRuntime runtime : started) {
            runtime.stop();
        }
    }
}
