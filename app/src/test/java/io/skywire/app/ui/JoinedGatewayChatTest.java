package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.node.gateway.ProxyServer;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.DiscoveryConfig;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeKeyFile;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.service.ServiceHost;
import io.skywire.node.service.chat.ChatBook;
import io.skywire.node.service.chat.ChatService;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app joined as a gateway still chats (it used to turn chat off there): over 127.0.0.1 a peer chats with the
 * app's node both ways and also opens a tunnel to it, whose exit answers by its own policy (loopback refused, SOCKS
 * reply 2). Bounds are liveness bounds for a loaded machine, not timing claims.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JoinedGatewayChatTest {

    @TempDir
    Path dir;

    @Test
    void aJoinedGatewayRunsChatBesideItsExit() throws Exception {
        NodeRuntime peer = NodeRuntime.start(NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve("peer"))
                .withDiscovery(DiscoveryConfig.passive().withPexIntervalMillis(500)));
        try (ServiceHost peerHost = ServiceHost.start(peer, NodeKeyFile.loadOrCreate(dir.resolve("peer")))) {
            ChatService peerChat = new ChatService(List.of(), dir.resolve("peer-chat"),
                    ChatService.DEFAULT_HISTORY_BYTES);
            peerHost.register(peerChat);
            DesktopSettings settings = DesktopSettingsFile.parse(List.of("listen.address = 127.0.0.1", "udp.port = 0",
                    "socks.port = 0", "http.port = 0", "gateway = on",
                    "bootstrap = " + peer.nodeId().hex() + " 127.0.0.1:" + peer.boundAddresses().udp().getPort()));
            try (EmbeddedNetwork app = EmbeddedNetwork.join(settings, dir.resolve("app"), Duration.ofSeconds(10))) {
                assertThat(app.summary()).endsWith("; acting as a gateway");
                ChatPort chat = app.chat();
                assertThat(chat).as(app.chatOffReason()).isNotNull();
                NodeId appNode = app.client().nodeId();

                chat.send(peer.nodeId(), "from the gateway");
                peerChat.send(appNode, "to the gateway");
                FxTesting.until(60, () -> delivered(peerChat.history(), appNode).contains("from the gateway")
                        && delivered(chat.history(), peer.nodeId()).contains("to the gateway"));

                try (ProxyServer proxy = ProxyServer.start(peer, List.of(appNode), ProxySettings.loopback(0, 0))) {
                    assertThatThrownBy(() -> connectThrough(proxy.socksAddress()))
                            .as("the app's exit answers by its policy: loopback is not allowed")
                            .isInstanceOf(SocketException.class).hasMessageContaining("not allowed");
                }
            }
        } finally {
            peer.stop();
        }
    }

    private static List<String> delivered(List<ChatBook.Event> history, NodeId from) {
        return history.stream().filter(e -> e instanceof ChatBook.Delivered d && d.peer().equals(from))
                .map(e -> ((ChatBook.Delivered) e).text()).toList();
    }

    private static void connectThrough(InetSocketAddress socks) throws Exception {
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks))) {
            socket.setSoTimeout(60_000);
            socket.connect(InetSocketAddress.createUnresolved("127.0.0.1", 9), 60_000);
        }
    }
}
