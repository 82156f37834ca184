package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.vpn.Ipv4Packet;
import io.skywire.node.vpn.Ipv4Subnet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunnelPolicyTest {

    private static final Ipv4Subnet TUNNEL = Ipv4Subnet.parse("10.99.0.0/24");
    private static final int GATEWAY = 0x0a630001;

    private static Ipv4Packet packet(int protocol, String destination, int port) {
        return new Ipv4Packet(protocol, 0x0a630002, Ipv4Subnet.parse(destination).network(), 20, 40, port);
    }

    @Test
    void followsTheSocksExitPolicyByDefault() {
        TunnelPolicy policy = new TunnelPolicy(ExitPolicy.publicOnly(), TUNNEL, GATEWAY, true, List.of());
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "203.0.113.9", 443))).isTrue();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_ICMP, "198.51.100.1", -1))).isTrue();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "127.0.0.1", 80))).as("loopback").isFalse();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_UDP, "192.168.1.1", 53))).as("private").isFalse();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_ICMP, "10.1.2.3", -1))).as("private").isFalse();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "10.99.0.3", 22))).as("another client").isFalse();
    }

    @Test
    void theGatewayAddressAnswersDnsAndPingOnly() {
        TunnelPolicy policy = new TunnelPolicy(ExitPolicy.publicOnly(), TUNNEL, GATEWAY, true, List.of());
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_UDP, "10.99.0.1", 53))).isTrue();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_ICMP, "10.99.0.1", -1))).isTrue();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "10.99.0.1", 22))).isFalse();
        TunnelPolicy noDns = new TunnelPolicy(ExitPolicy.publicOnly(), TUNNEL, GATEWAY, false, List.of());
        assertThat(noDns.allows(packet(Ipv4Packet.PROTOCOL_UDP, "10.99.0.1", 53))).isFalse();
    }

    @Test
    void anExplicitAllowOpensOneSubnetAndPortsStillApply() {
        ExitPolicy webOnly = new ExitPolicy(List.of(new ExitPolicy.PortRange(80, 80)), false);
        TunnelPolicy policy = new TunnelPolicy(webOnly, TUNNEL, GATEWAY, false,
                List.of(Ipv4Subnet.parse("10.201.4.0/24")));
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "10.201.4.2", 80))).isTrue();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "10.201.4.2", 22))).as("port").isFalse();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_TCP, "10.201.5.2", 80))).as("other subnet").isFalse();
        assertThat(policy.allows(packet(Ipv4Packet.PROTOCOL_ICMP, "10.201.4.2", -1))).isTrue();
    }
}
