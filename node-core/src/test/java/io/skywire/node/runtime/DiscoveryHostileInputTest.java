package io.skywire.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.RecordRefusal;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.discovery.pex.PexCodec;
import io.skywire.node.discovery.pex.PexCounter;
import io.skywire.node.discovery.pex.PexMessage;
import io.skywire.node.identity.NodeKeyPair;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile discovery input over a real socket: garbage, a forged record, an expired one, a flood of HELLOs and DHT
 * garbage, each from the attacker's own sockets. All of it is refused, rate-limited and counted, nothing is
 * answered that should not be, and afterwards an honest node still bootstraps from the victim.
 */
@Timeout(90)
class DiscoveryHostileInputTest {

    private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int FLOOD = 2_000;

    @TempDir
    Path dir;

    @Test
    void forgedExpiredGarbageAndFloodsAreRefusedCountedAndTheNodeStillServes() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir);
             DatagramSocket garbage = socket(); DatagramSocket forger = socket(); DatagramSocket flooder = socket()) {
            NodeRuntime victim = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(DiscoveryConfig.defaults().withLan(false, false).withDial(false)));
            InetSocketAddress target = victim.boundAddresses().udp();

            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 30; i++) {
                byte[] junk = new byte[random.nextInt(0, 1_400)];
                random.nextBytes(junk);
                send(garbage, target, UdpWire.PEX, junk);
                send(garbage, target, UdpWire.DHT, junk);
            }

            long nowSeconds = System.currentTimeMillis() / 1000;
            NodeKeyPair forgerKey = NodeKeyPair.generate(new SecureRandom());
            byte[] forged = record(forgerKey, nowSeconds + 600).encoded();
            forged[forged.length - 1] ^= 1;
            send(forger, target, UdpWire.PEX, hello(1, forged));
            NodeRecord expired = record(forgerKey, nowSeconds - 1);
            send(forger, target, UdpWire.PEX, hello(2, expired.encoded()));
            assertThat(answers(forger)).as("neither is answered").isZero();

            byte[] valid = hello(3, record(NodeKeyPair.generate(new SecureRandom()), nowSeconds + 600).encoded());
            long floodStart = System.nanoTime();
            for (int i = 0; i < FLOOD; i++) {
                send(flooder, target, UdpWire.PEX, valid);
            }
            int answered = answers(flooder);
            double floodSeconds = (System.nanoTime() - floodStart) / 1e9;

            DiscoveryCounters counters = victim.discovery().counters();
            assertThat(counters.refused(RecordRefusal.BAD_SIGNATURE)).isEqualTo(1);
            assertThat(counters.refused(RecordRefusal.EXPIRED)).isEqualTo(1);
            assertThat(counters.pex(PexCounter.HELLOS_REFUSED)).isEqualTo(2);
            assertThat(counters.pex(PexCounter.MALFORMED)).isEqualTo(30);
            // 40 at once, then 20 per second: what the flood's duration allows, and nothing more.
            assertThat(answered).isBetween(1, 40 + (int) Math.ceil(20 * (floodSeconds + 2)));
            assertThat(counters.pex(PexCounter.RATE_LIMITED)).isGreaterThan(FLOOD / 2);
            assertThat(victim.counters().udp(UdpCounter.DISCOVERY_DATAGRAMS)).isGreaterThanOrEqualTo(60 + 2);
            assertThat(victim.discovery().knownPeers()).hasSize(1);

            NodeRuntime honest = nodes.start(NodeConfig.udp(RuntimeNodes.LOOPBACK_ANY, nodes.newDataDir())
                    .withDiscovery(DiscoveryConfig.defaults().withLan(false, false)
                            .withBootstrap(List.of(new BootstrapConfig(null, target)))));
            long deadline = System.nanoTime() + LIVENESS_NANOS;
            while (System.nanoTime() < deadline && (honest.discovery().knownPeers().isEmpty()
                    || victim.discovery().knownPeers().size() < 2)) {
                Thread.sleep(100);
            }
            assertThat(honest.discovery().knownPeers()).extracting(NodeRecord::nodeKey)
                    .containsExactly(victim.nodeId());
            assertThat(victim.discovery().knownPeers()).extracting(NodeRecord::nodeKey).contains(honest.nodeId());
        }
    }

    private static NodeRecord record(NodeKeyPair key, long expirySeconds) {
        return NodeRecordCodec.sign(key, RecordContent.forwarder(key.nodeId(), 1, expirySeconds,
                List.of(TransportAddress.of(new InetSocketAddress("127.0.0.1", 9), true)), 0, 1_000));
    }

    private static byte[] hello(long nonce, byte[] record) {
        return ByteBuffer.allocate(11 + record.length).put((byte) 0x01).putLong(nonce)
                .putShort((short) record.length).put(record).array();
    }

    private static DatagramSocket socket() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(1_500);
        return socket;
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, int kind, byte[] body)
            throws Exception {
        byte[] datagram = new byte[body.length + 1];
        datagram[0] = (byte) kind;
        System.arraycopy(body, 0, datagram, 1, body.length);
        socket.send(new DatagramPacket(datagram, datagram.length, target));
    }

    /** Counts HELLO_REPLYs until none comes for 1.5 s. */
    private static int answers(DatagramSocket socket) throws Exception {
        int count = 0;
        byte[] buffer = new byte[2048];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return count;
            }
            byte[] body = Arrays.copyOfRange(packet.getData(), 1, packet.getLength());
            if (packet.getData()[0] == UdpWire.PEX && PexCodec.decode(body) instanceof PexMessage.HelloReply) {
                count++;
            }
        }
    }
}
