package io.skywire.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.RecordRefusal;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.discovery.lan.LanAnnouncement;
import io.skywire.node.discovery.lan.LanCounter;
import io.skywire.node.identity.NodeKeyPair;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LAN discovery over real multicast sockets on the loopback interface (a private group and port, TTL 1, so nothing
 * leaves this host): two nodes with no bootstrap find each other, link, and a forged and a garbage announcement
 * sent to the group are refused and counted.
 */
class LanLoopbackTest {

    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void twoNodesFindEachOtherOnLoopbackMulticastAndForgeriesAreRefused() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        InetSocketAddress group = new InetSocketAddress("239.255.77.99", port);
        DiscoveryConfig lan = new DiscoveryConfig(List.of(), true, group, 500, true, true, 4, 60_000);
        try (RuntimeNodes nodes = new RuntimeNodes(dir)) {
            NodeRuntime a = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(lan));
            NodeRuntime b = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(lan));
            assertThat(a.discovery().counters().lanInterfaces()).as("the loopback interface joined the group")
                    .isEqualTo(1);
            CompletableFuture<DiscoveredPeer> heard = new CompletableFuture<>();
            a.discovery().onDiscovered(peer -> {
                if (peer.record().nodeKey().equals(b.nodeId())) {
                    heard.complete(peer);
                }
            });

            DiscoveredPeer peer = heard.get(30, TimeUnit.SECONDS);
            assertThat(peer.via()).isIn(DiscoveredPeer.Via.LAN, DiscoveredPeer.Via.PEX);
            TestTransfer.await(a.linkUp(b.nodeId()));

            NodeKeyPair forger = NodeKeyPair.generate(new SecureRandom());
            NodeRecord record = NodeRecordCodec.sign(forger, RecordContent.forwarder(forger.nodeId(), 1,
                    System.currentTimeMillis() / 1000 + 600,
                    List.of(TransportAddress.of(new InetSocketAddress("127.0.0.1", 9), true)), 0, 1));
            byte[] forged = LanAnnouncement.encode(record);
            forged[forged.length - 1] ^= 1;
            try (MulticastSocket sender = new MulticastSocket(0)) {
                sender.setNetworkInterface(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
                sender.setTimeToLive(1);
                sender.send(new DatagramPacket(forged, forged.length, group));
                byte[] junk = "not an announcement".getBytes();
                sender.send(new DatagramPacket(junk, junk.length, group));
            }
            long deadline = System.nanoTime() + LIVENESS_NANOS;
            while (System.nanoTime() < deadline && (a.discovery().counters().refused(RecordRefusal.BAD_SIGNATURE) < 1
                    || a.discovery().counters().lan(LanCounter.NOT_AN_ANNOUNCEMENT) < 1)) {
                Thread.sleep(50);
            }
            DiscoveryCounters counters = a.discovery().counters();
            assertThat(counters.refused(RecordRefusal.BAD_SIGNATURE)).isEqualTo(1);
            assertThat(counters.lan(LanCounter.NOT_AN_ANNOUNCEMENT)).isPositive();
            assertThat(a.discovery().knownPeers()).extracting(NodeRecord::nodeKey).containsExactly(b.nodeId());
        }
    }
}
