package io.skywire.node.gateway;

import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A client, relays and a gateway on loopback UDP with a proxy in front: the smallest real tunnel, for tests. */
final class GatewayChain implements AutoCloseable {

    final List<NodeRuntime> nodes = new ArrayList<>();
    final ExitService exit;
    final ProxyServer proxy;

    GatewayChain(Path dir, int length, ExitPolicy policy, ProxySettings settings) throws Exception {
        NodeRuntime after = null;
        for (int i = length - 1; i >= 0; i--) {
            NodeConfig config = NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve("node-" + i));
            if (after != null) {
                config = config.withPeers(List.of(new PeerConfig(after.nodeId(), Transport.UDP,
                        after.boundAddresses().udp())));
            }
            after = NodeRuntime.start(config);
            nodes.add(0, after);
        }
        for (int i = 0; i + 1 < length; i++) {
            nodes.get(i).linkUp(nodes.get(i + 1).nodeId()).get(10, TimeUnit.SECONDS);
        }
        exit = ExitService.start(nodes.get(length - 1), new GatewayOffer(1_000_000, 100, "test", policy, 3_000));
        List<NodeId> path = nodes.subList(1, length).stream().map(NodeRuntime::nodeId).toList();
        proxy = ProxyServer.start(nodes.get(0), path, settings);
    }

    @Override
    public void close() {
        proxy.close();
        exit.close();
        nodes.forEach(NodeRuntime::stop);
    }
}
