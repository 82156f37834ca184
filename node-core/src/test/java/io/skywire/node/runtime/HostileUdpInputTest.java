package io.skywire.node.runtime;

import static io.skywire.node.runtime.TestTransfer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.engine.Counter;
import io.skywire.node.engine.DatagramCodec;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.link.EphemeralKeySource;
import io.skywire.node.link.InitiatorHandshake;
import io.skywire.node.link.LinkBreach;
import io.skywire.node.link.LinkCipher;
import io.skywire.node.link.NoiseProfile;
import io.skywire.node.link.RekeyPolicy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input over real sockets: garbage from strangers, then a peer that completes the handshake and sends
 * a datagram for an unknown route, replays it and forges one. Everything is counted, nothing crashes, and an
 * established route through the same socket keeps carrying data.
 */
@Timeout(60)
class HostileUdpInputTest {

    private static final int GARBAGE = 200;

    @TempDir
    Path dir;

    @Test
    void garbageReplaysAndUnknownRoutesAreCountedAndOtherLinksCarryOn() throws Exception {
        try (RuntimeNodes nodes = new RuntimeNodes(dir);
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            List<NodeRuntime> chain = nodes.udpChain(2, UdpFaults.NONE, NodeConfig.DEFAULT_UDP_RATE);
            NodeRuntime origin = chain.get(0);
            NodeRuntime victim = chain.get(1);
            CompletableFuture<RouteSession> incoming = new CompletableFuture<>();
            victim.onIncomingRoute(incoming::complete);
            RouteSession route = await(origin.openRoute(List.of(victim.nodeId())));
            RouteSession destination = await(incoming);
            InetSocketAddress target = victim.boundAddresses().udp();
            attacker.setSoTimeout(5_000);

            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < GARBAGE; i++) {
                byte[] junk = new byte[random.nextInt(0, 1400)];
                random.nextBytes(junk);
                // Act ones and discovery datagrams are counted elsewhere (DiscoveryHostileInputTest has those).
                if (junk.length > 0 && (junk[0] == UdpWire.ACT_ONE || junk[0] == UdpWire.DHT
                        || junk[0] == UdpWire.PEX)) {
                    junk[0] = UdpWire.FRAME;
                }
                send(attacker, target, junk);
            }

            LinkCipher cipher = handshake(attacker, target, victim);
            byte[] datagram = new byte[256];
            DatagramCodec.writeHeader(datagram, 0);
            int end = DatagramCodec.writeData(datagram, DatagramCodec.HEADER_BYTES, 0x1234, 0x5678, 0, new byte[64]);
            byte[] frame = withKind(UdpWire.FRAME, cipher.seal(Arrays.copyOf(datagram, end)));
            send(attacker, target, frame);
            for (int i = 0; i < 3; i++) {
                send(attacker, target, frame);
            }
            send(attacker, target, withKind(UdpWire.FRAME, cipher.seal(new byte[] {1, 2, 3})));
            // A fresh counter, so the replay window passes it and the tag check refuses it.
            byte[] forged = withKind(UdpWire.FRAME, cipher.seal(Arrays.copyOf(datagram, end)));
            forged[forged.length - 1] ^= 1;
            send(attacker, target, forged);

            // The route's data passes the victim's socket after everything above, so the counts are final then.
            TestTransfer transfer = TestTransfer.receiveInto(destination, 256 * 1024);
            TestTransfer.send(route, 256 * 1024);
            assertThat(await(transfer.received())).isEqualTo(256 * 1024);

            RuntimeCounters counters = victim.counters();
            assertThat(counters.udp(UdpCounter.UNAUTHENTICATED_DROPPED)).isEqualTo(GARBAGE);
            assertThat(counters.engine(Counter.FRAMES_UNKNOWN_ROUTE)).isEqualTo(1);
            assertThat(counters.udpRejected(LinkBreach.REPLAYED)).isEqualTo(3);
            assertThat(counters.udpRejected(LinkBreach.BAD_TAG)).isEqualTo(1);
            assertThat(counters.engine(Counter.DATAGRAMS_MALFORMED)).isEqualTo(1);
            assertThat(counters.links()).isEqualTo(2);
        }
    }

    /** Completes the three acts as a real initiator would, from the attacker's socket. */
    private static LinkCipher handshake(DatagramSocket socket, InetSocketAddress target, NodeRuntime victim)
            throws Exception {
        NodeKeyPair keys = NodeKeyPair.generate(new SecureRandom());
        InitiatorHandshake initiator = new InitiatorHandshake(NoiseProfile.SKYWIRE_LINK_V1, keys.secret(),
                victim.nodeId(), EphemeralKeySource.secure());
        send(socket, target, withKind(UdpWire.ACT_ONE, initiator.actOne()));
        byte[] actTwo = receive(socket);
        assertThat(actTwo[0]).isEqualTo((byte) UdpWire.ACT_TWO);
        send(socket, target, withKind(UdpWire.ACT_THREE, initiator.actThree(Arrays.copyOfRange(actTwo, 1,
                actTwo.length))));
        byte[] confirmation = receive(socket);
        assertThat(confirmation[0]).isEqualTo((byte) UdpWire.FRAME);
        return new LinkCipher(initiator.result(), RekeyPolicy.DEFAULT, EphemeralKeySource.secure(), System.nanoTime());
    }

    private static byte[] withKind(int kind, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = (byte) kind;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }
}
