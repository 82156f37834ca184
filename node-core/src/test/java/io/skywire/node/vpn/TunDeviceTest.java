package io.skywire.node.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The TUN device on the real kernel: a datagram sent to an address routed into the device is read from it as one
 * valid IPv4 packet, and a packet written to it reaches a local socket. Needs root (or CAP_NET_ADMIN) and
 * /dev/net/tun; CI has both, elsewhere it skips. The device lives only as long as the test holds it open.
 */
class TunDeviceTest {

    @Test
    void packetsGoBothWays() throws Exception {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(ci || TunDevice.supported(), "needs Linux with /dev/net/tun");
        int tag = ThreadLocalRandom.current().nextInt(1, 250);
        TunDevice tun;
        try {
            tun = TunDevice.open("swtest" + tag);
        } catch (IOException e) {
            if (ci) {
                throw new AssertionError("TUN refused in CI", e);
            }
            assumeTrue(false, "needs root or CAP_NET_ADMIN: " + e.getMessage());
            return;
        }
        try (tun) {
            String local = "10.251." + tag + ".1";
            String peer = "10.251." + tag + ".2";
            NetCommands.ip("addr", "add", local + "/30", "dev", tun.name());
            NetCommands.ip("link", "set", "dev", tun.name(), "up");
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(local), 0))) {
                byte[] payload = "through the tun".getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(peer), 9));
                byte[] buffer = new byte[2048];
                Ipv4Packet header = null;
                int length = 0;
                for (int tries = 0; tries < 40 && header == null; tries++) {
                    length = tun.read(buffer, 250);
                    if (length > 0 && buffer[0] >> 4 == 4) {
                        Ipv4Packet read = Ipv4Packet.parse(buffer, 0, length);
                        if (read.protocol() == Ipv4Packet.PROTOCOL_UDP && read.destinationPort() == 9) {
                            header = read;
                        }
                    }
                }
                assertThat(header).as("the datagram read from the TUN").isNotNull();
                assertThat(header.destinationAddress().getHostAddress()).isEqualTo(peer);
                assertThat(Arrays.copyOfRange(buffer, length - payload.length, length)).isEqualTo(payload);

                // The answer: swap addresses and ports, UDP checksum 0 (allowed over IPv4), header checksum anew.
                byte[] reply = Arrays.copyOf(buffer, length);
                System.arraycopy(buffer, 16, reply, 12, 4);
                System.arraycopy(buffer, 12, reply, 16, 4);
                int ihl = header.headerLength();
                System.arraycopy(buffer, ihl + 2, reply, ihl, 2);
                System.arraycopy(buffer, ihl, reply, ihl + 2, 2);
                reply[ihl + 6] = 0;
                reply[ihl + 7] = 0;
                reply[10] = 0;
                reply[11] = 0;
                int checksum = Ipv4Packet.checksum(reply, 0, ihl);
                reply[10] = (byte) (checksum >>> 8);
                reply[11] = (byte) checksum;
                tun.write(reply);
                socket.setSoTimeout(5_000);
                DatagramPacket received = new DatagramPacket(new byte[2048], 2048);
                socket.receive(received);
                assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII))
                        .isEqualTo("through the tun");
                assertThat(received.getAddress().getHostAddress()).isEqualTo(peer);
            }
        }
    }
}
