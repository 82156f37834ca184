package io.skywire.app.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.vpn.Ipv4Subnet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the test network's VPN refuses and sets up, without a kernel: subnets, refusals and its nftables script. */
class TestnetVpnTest {

    @Test
    void eachGatewayHasAPrefixOfItsOwnInsideTheTunnelAddresses() {
        assertThat(TestnetVpn.gatewaySubnet(0)).isEqualTo(Ipv4Subnet.parse("10.98.0.0/24"));
        assertThat(TestnetVpn.gatewaySubnet(5)).isEqualTo(Ipv4Subnet.parse("10.98.5.0/24"));
        assertThat(TestnetVpn.gatewayInterface(5)).isEqualTo("swtg5");
    }

    @Test
    void chosenSubnetsClearOfLoopbackAndTheTunnelAreTaken() {
        assertThat(TestnetVpn.refusal(List.of(Ipv4Subnet.parse("10.203.0.0/24"), Ipv4Subnet.parse("8.0.0.0/8"))))
                .isNull();
    }

    @Test
    void allOfIpv4AndRoutesThatWouldCatchTheNetworksOwnTrafficAreRefusedWithTheReason() {
        assertThat(TestnetVpn.refusal(List.of())).contains("all of IPv4").contains("--vpn-route");
        assertThat(TestnetVpn.refusal(List.of(Ipv4Subnet.parse("128.0.0.0/1")))).contains("wider than a /8");
        assertThat(TestnetVpn.refusal(List.of(Ipv4Subnet.parse("127.0.0.1/32")))).contains("loopback");
        assertThat(TestnetVpn.refusal(List.of(Ipv4Subnet.parse("10.0.0.0/8")))).contains("tunnel addresses");
    }

    @Test
    void onlyTheClientsTunnelPacketsAreKeptOutOfConnectionTracking() {
        String script = TestnetVpn.notrackScript();
        assertThat(script).contains("table ip " + TestnetVpn.NFT_TABLE)
                .contains("hook output priority raw").contains("oifname \"swtn0\" notrack")
                .contains("hook prerouting priority raw").contains("iifname \"swtn0\" notrack");
        assertThat(script.lines().filter(line -> line.contains("notrack"))).hasSize(2);
    }
}
