package io.skywire.app.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.gateway.ProxyServer;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escrow reachable over the node's routes: with {@code node-config} set it runs a node, and a client elsewhere in
 * the network reaches the same JSON endpoints through a route (here via its local SOCKS5 proxy) — and nothing else
 * on the escrow's machine.
 */
class EscrowOverRoutesTest {

    @TempDir
    Path dir;

    private static String get(String url, Proxy proxy) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(proxy);
        connection.setConnectTimeout(20_000);
        connection.setReadTimeout(20_000);
        try (InputStream body = connection.getInputStream()) {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void theEscrowsEndpointsAnswerOverARouteAndNothingElseIsReachable() throws Exception {
        Files.writeString(dir.resolve("escrow-node.conf"),
                "udp.listen = 127.0.0.1:0\ndata.dir = escrow-node\ndiscovery.lan = false\n");
        Files.writeString(dir.resolve("escrow.conf"), "listen = 127.0.0.1:0\ndatabase = escrow\nchain = chain\n"
                + "master-key-file = master\nnode-config = escrow-node.conf\n");
        try (EscrowService escrow = EscrowService.start(EscrowConfig.read(dir.resolve("escrow.conf")))) {
            NodeRuntime escrowNode = escrow.node();
            assertThat(escrowNode).isNotNull();
            NodeRuntime client = NodeRuntime.start(NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0),
                    dir.resolve("client")).withPeers(List.of(new PeerConfig(escrowNode.nodeId(), Transport.UDP,
                    escrowNode.boundAddresses().udp()))));
            try (ProxyServer proxy = ProxyServer.start(waitForLink(client, escrowNode), List.of(escrowNode.nodeId()),
                    ProxySettings.loopback(0, -1))) {
                Proxy socks = new Proxy(Proxy.Type.SOCKS, proxy.socksAddress());
                InetSocketAddress http = escrow.server().address();
                String keysUrl = "http://127.0.0.1:" + http.getPort() + "/keys";

                String direct = get(keysUrl, Proxy.NO_PROXY);
                String overRoute = get(keysUrl, socks);
                assertThat(overRoute).isEqualTo(direct).contains("\"");

                // The escrow's node connects streams to its endpoints only: another port on its loopback is refused.
                assertThatThrownBy(() -> get("http://127.0.0.1:" + (http.getPort() == 1 ? 2 : 1) + "/", socks))
                        .isInstanceOf(IOException.class);
            } finally {
                client.stop();
            }
        }
    }

    private static NodeRuntime waitForLink(NodeRuntime client, NodeRuntime escrowNode) throws Exception {
        client.linkUp(escrowNode.nodeId()).get(30, TimeUnit.SECONDS);
        return client;
    }
}
