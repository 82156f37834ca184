package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.skywire.node.discovery.GatewayService;
import io.skywire.node.discovery.NeighbourTag;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.BootstrapConfig;
import io.skywire.node.runtime.DiscoveryConfig;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways found, not configured, over real UDP sockets on 127.0.0.1. Six nodes with static links (no dialling,
 * no LAN), every node bootstrapping to one:
 *
 * <pre>
 *   client -- guard -- relay1 -- gw1 (eu-west)
 *                  \-- relay2 -- gw2 (us-east)
 * </pre>
 *
 * The gateways advertise their offers through {@link ExitService}, the relays their forwarding prices; the client
 * learns the gateways' records only through the DHT (they are not its neighbours' neighbours). Its
 * {@link GatewayDirectory} lists both, three hops away through its guard, with the advertised prices and regions,
 * and a proxy started from the directory's candidates fetches a file through SOCKS5. 40 s is a liveness bound for
 * a loaded machine, not a timing claim (the held records' 60 s re-lookup must not be what makes it pass).
 */
class DiscoveredGatewaysTest {

    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(40);

    @TempDir
    Path dir;

    private final List<NodeRuntime> nodes = new ArrayList<>();
    private final List<AutoCloseable> services = new ArrayList<>();

    @Test
    void theClientListsBothGatewaysAndFetchesThroughTheCheapest() throws Exception {
        byte[] file = new byte[64 * 1024];
        new Random(3).nextBytes(file);
        HttpServer origin = ProxyEndToEndTest.fileOrigin(file);
        try {
            NodeRuntime gw1 = start("gw1", List.of(), null, Set.of());
            BootstrapConfig bootstrap = new BootstrapConfig(null, gw1.boundAddresses().udp());
            NodeRuntime gw2 = start("gw2", List.of(), bootstrap, Set.of());
            NodeRuntime relay1 = start("relay1", List.of(gw1), bootstrap, Set.of());
            NodeRuntime relay2 = start("relay2", List.of(gw2), bootstrap, Set.of());
            NodeRuntime guard = start("guard", List.of(relay1, relay2), bootstrap, Set.of());
            ExitPolicy policy = ExitPolicy.publicOnly().allowingPrivateDestinations();
            services.add(ExitService.start(gw1, new GatewayOffer(500_000, 100, "eu-west", policy, 3_000)));
            services.add(ExitService.start(gw2, new GatewayOffer(750_000, 100, "us-east", policy, 3_000)));
            // An offer a record cannot carry is refused with a log line, not signed, not thrown.
            assertThat(gw1.discovery().advertiseGateway(Optional.of(new GatewayService(1, "EU West", List.of()))))
                    .isFalse();
            assertThat(guard.discovery().advertiseForwardingPrice(-1)).isFalse();
            assertThat(guard.discovery().advertiseForwardingPrice(1_000)).isTrue();
            assertThat(relay1.discovery().advertiseForwardingPrice(20_000)).isTrue();
            assertThat(relay2.discovery().advertiseForwardingPrice(30_000)).isTrue();
            // The network settles (offers and prices signed into the records, at most one version per 2 s) before
            // the client joins, as it would find a running network; a record that changes later reaches it when it
            // looks held records up again (60 s) or sooner when a link is one-sided.
            long deadline = System.nanoTime() + LIVENESS_NANOS;
            while (!(gw1.discovery().selfRecord().gateway().isPresent()
                    && gw2.discovery().selfRecord().gateway().isPresent()
                    && guard.discovery().selfRecord().content().forwardingPricePerGbDroplets() == 1_000
                    && relay1.discovery().selfRecord().content().forwardingPricePerGbDroplets() == 20_000
                    && relay2.discovery().selfRecord().content().forwardingPricePerGbDroplets() == 30_000)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            NodeRuntime client = start("client", List.of(guard), bootstrap, Set.of(guard.nodeId()));

            GatewayDirectory directory = GatewayDirectory.start(client, GatewayDirectory.Settings.defaults());
            services.add(directory);
            while (directory.candidates().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            // Each record names exactly the node's links, and both ends of each link name each other.
            assertThat(gw1.discovery().selfRecord().neighbours()).containsExactly(NeighbourTag.of(relay1.nodeId()));
            // (The client's link to the guard counts first-hand: the guard's record may not name it yet.)
            assertThat(guard.discovery().selfRecord().neighbours()).contains(
                    NeighbourTag.of(relay1.nodeId()), NeighbourTag.of(relay2.nodeId()));
            Map<NodeId, GatewayCandidate> byGateway = directory.candidates().stream()
                    .collect(Collectors.toMap(GatewayCandidate::gateway, candidate -> candidate));
            assertThat(byGateway).as("gateways in the client's directory").containsOnlyKeys(gw1.nodeId(),
                    gw2.nodeId());
            GatewayCandidate first = byGateway.get(gw1.nodeId());
            assertThat(first.path()).containsExactly(guard.nodeId(), relay1.nodeId(), gw1.nodeId());
            assertThat(first.region()).isEqualTo("eu-west");
            assertThat(first.gatewayPricePerGbDroplets()).isEqualTo(500_000);
            assertThat(first.transitPricePerGbDroplets()).isEqualTo(1_000 + 20_000);
            GatewayCandidate second = byGateway.get(gw2.nodeId());
            assertThat(second.path()).containsExactly(guard.nodeId(), relay2.nodeId(), gw2.nodeId());
            assertThat(second.region()).isEqualTo("us-east");
            assertThat(second.expectedCostPerGbDroplets()).isEqualTo(750_000 + 1_000 + 30_000);
            assertThat(directory.candidates().get(0)).isEqualTo(first);
            // A listener added after the gateways were found hears them at once: a proxy started from an earlier
            // look at the list, then listening, loses no list computed in between (JoinedNode does that).
            List<List<GatewayCandidate>> heard = new CopyOnWriteArrayList<>();
            directory.onUpdate(heard::add);
            assertThat(heard).as("lists heard by a late listener").isNotEmpty();
            assertThat(heard.get(heard.size() - 1)).extracting(GatewayCandidate::gateway)
                    .containsExactlyInAnyOrder(gw1.nodeId(), gw2.nodeId());

            ProxyServer proxy = ProxyServer.startAuto(client, directory.candidates(),
                    ProxySettings.loopback(0, 0).withHandshakeTimeoutMillis(2_000));
            services.add(proxy);
            assertThat(ProxyEndToEndTest.fetchThroughSocks(proxy.socksAddress(), origin.getAddress().getPort()))
                    .isEqualTo(file);
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            nodes.forEach(NodeRuntime::stop);
            origin.stop(0);
        }
    }

    private NodeRuntime start(String name, List<NodeRuntime> peers, BootstrapConfig bootstrap, Set<NodeId> guards)
            throws Exception {
        DiscoveryConfig discovery = DiscoveryConfig.passive().withPexIntervalMillis(500)
                .withBootstrap(bootstrap == null ? List.of() : List.of(bootstrap));
        NodeConfig config = NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve(name))
                .withDiscovery(discovery).withGuards(guards)
                .withPeers(peers.stream().map(peer -> new PeerConfig(peer.nodeId(), Transport.UDP,
                        peer.boundAddresses().udp())).toList());
        NodeRuntime node = NodeRuntime.start(config);
        nodes.add(node);
        for (NodeRuntime peer : peers) {
            node.linkUp(peer.nodeId()).get(10, TimeUnit.SECONDS);
        }
        return node;
    }
}
