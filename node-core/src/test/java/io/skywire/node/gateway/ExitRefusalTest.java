package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway with the default policy refuses its own host and private networks, after resolving names itself. */
class ExitRefusalTest {

    @TempDir
    Path dir;

    @Test
    void loopbackPrivateAndNamesResolvingToThemGetReply2() throws Exception {
        ExitPolicy policy = new ExitPolicy(List.of(new ExitPolicy.PortRange(1, 65_535)), false);
        try (GatewayChain chain = new GatewayChain(dir, 3, policy, ProxySettings.loopback(0, -1))) {
            InetSocketAddress proxy = chain.proxy.socksAddress();
            byte[][] requests = {
                {5, 1, 0, 1, 127, 0, 0, 1, 0, 80},
                {5, 1, 0, 1, 10, 0, 0, 1, 0, 80},
                ProxyEndToEndTest.connectRequest("localhost", 80),
                {5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 80},
            };
            for (byte[] request : requests) {
                try (Socket socket = ProxyEndToEndTest.socks(proxy, request)) {
                    assertThat(socket.getInputStream().readAllBytes()).containsExactly(5, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0);
                }
            }
        }
    }

    @Test
    void portsOutsideThePolicyAreRefused() throws Exception {
        ExitPolicy policy = new ExitPolicy(List.of(new ExitPolicy.PortRange(443, 443)), true);
        try (GatewayChain chain = new GatewayChain(dir, 3, policy, ProxySettings.loopback(0, -1));
             Socket socket = ProxyEndToEndTest.socks(chain.proxy.socksAddress(), new byte[] {5, 1, 0, 1, 127, 0, 0, 1, 0, 80})) {
            assertThat(socket.getInputStream().readAllBytes()).containsExactly(5, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0);
        }
    }
}
