package io.skywire.node.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {

    /** A UDP packet 10.99.0.2:40000 -> 203.0.113.5:53 with a 4-byte payload; its header checksum filled in. */
    static byte[] udp(int source, int destination, int port) {
        byte[] p = new byte[20 + 8 + 4];
        p[0] = 0x45;
        p[2] = 0;
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = Ipv4Packet.PROTOCOL_UDP;
        put(p, 12, source);
        put(p, 16, destination);
        p[20] = (byte) 0x9c;
        p[21] = 0x40;
        p[22] = (byte) (port >>> 8);
        p[23] = (byte) port;
        p[25] = 12;
        int checksum = Ipv4Packet.checksum(p, 0, 20);
        p[10] = (byte) (checksum >>> 8);
        p[11] = (byte) checksum;
        return p;
    }

    private static void put(byte[] p, int at, int value) {
        p[at] = (byte) (value >>> 24);
        p[at + 1] = (byte) (value >>> 16);
        p[at + 2] = (byte) (value >>> 8);
        p[at + 3] = (byte) value;
    }

    @Test
    void readsAValidPacket() throws Exception {
        byte[] p = udp(0x0a630002, 0xcb007105, 53);
        Ipv4Packet header = Ipv4Packet.parse(p);
        assertThat(header.protocol()).isEqualTo(Ipv4Packet.PROTOCOL_UDP);
        assertThat(header.sourceAddress().getHostAddress()).isEqualTo("10.99.0.2");
        assertThat(header.destinationAddress().getHostAddress()).isEqualTo("203.0.113.5");
        assertThat(header.destinationPort()).isEqualTo(53);
        assertThat(header.headerLength()).isEqualTo(20);
        assertThat(header.totalLength()).isEqualTo(32);
    }

    @Test
    void checksumMatchesAKnownHeader() throws Exception {
        // The classic example header (Wikipedia, "IPv4 header checksum"): checksum 0xb861.
        byte[] header = HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7");
        assertThat(Ipv4Packet.checksum(header, 0, 20)).isEqualTo(0xb861);
        header[10] = (byte) 0xb8;
        header[11] = 0x61;
        assertThat(Ipv4Packet.checksum(header, 0, 20)).isZero();
    }

    @Test
    void refusesWhatIsNotOneValidIpv4Packet() {
        byte[] good = udp(1, 2, 80);
        byte[] badChecksum = good.clone();
        badChecksum[8]++;
        assertThatThrownBy(() -> Ipv4Packet.parse(badChecksum)).hasMessageContaining("checksum");
        byte[] v6 = good.clone();
        v6[0] = 0x60;
        assertThatThrownBy(() -> Ipv4Packet.parse(v6)).hasMessageContaining("version 6");
        assertThatThrownBy(() -> Ipv4Packet.parse(good, 0, good.length - 1)).hasMessageContaining("total length");
        byte[] shortHeader = good.clone();
        shortHeader[0] = 0x44;
        assertThatThrownBy(() -> Ipv4Packet.parse(shortHeader)).hasMessageContaining("header length");
        assertThatThrownBy(() -> Ipv4Packet.parse(new byte[19])).hasMessageContaining("at least 20");
    }

    @Test
    void laterFragmentsHaveNoPort() throws Exception {
        byte[] p = udp(1, 2, 80);
        p[6] = 0;
        p[7] = 10;
        p[10] = 0;
        p[11] = 0;
        int checksum = Ipv4Packet.checksum(p, 0, 20);
        p[10] = (byte) (checksum >>> 8);
        p[11] = (byte) checksum;
        assertThat(Ipv4Packet.parse(p).destinationPort()).isEqualTo(-1);
    }

    @Test
    void subnetsAndThePool() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("10.99.0.0/30");
        assertThat(subnet.contains(0x0a630003)).isTrue();
        assertThat(subnet.contains(0x0a630004)).isFalse();
        assertThat(Ipv4Subnet.parse("0.0.0.0/1").contains(0x7fffffff)).isTrue();
        assertThat(Ipv4Subnet.parse("128.0.0.0/1").contains(0x80000000)).isTrue();
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.99.0.1/24")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Ipv4Subnet.parse("example.com/24")).hasMessageContaining("not an IPv4 prefix");
        AddressPool pool = new AddressPool(subnet);
        assertThat(pool.gatewayAddress()).isEqualTo(0x0a630001);
        int first = pool.take();
        assertThat(first).isEqualTo(0x0a630002);
        assertThat(pool.take()).as("/30 has one client address").isZero();
        pool.release(first);
        assertThat(pool.take()).isEqualTo(first);
    }
}
