package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.node.engine.QosClass;
import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.GatewayOffer;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxyEndToEndTest;
import io.skywire.node.gateway.TunnelState;
import io.skywire.node.link.LinkSettings;
import io.skywire.node.runtime.BootstrapConfig;
import io.skywire.node.runtime.DiscoveryConfig;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.PeerConfig;
import io.skywire.node.runtime.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app joining configured peers over real UDP sockets on 127.0.0.1. Six nodes (two gateways, each behind its own
 * relay, both relays behind a guard, one more plain node) form a network the way DiscoveredGatewaysTest's does; the
 * app's settings name one of them as their only bootstrap node. Its embedded node finds the others, its directory
 * finds both gateways, and its SOCKS5 proxy fetches a file intact. Bounds (40 s) are liveness bounds for a loaded
 * machine, not timing claims.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JoinedNetworkTest {

    @TempDir
    Path dir;

    private final List<NodeRuntime> nodes = new ArrayList<>();
    private final List<AutoCloseable> services = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        nodes.forEach(NodeRuntime::stop);
    }

    @Test
    void theAppJoinsItsBootstrapNodeFindsTheGatewaysAndItsProxyFetchesAFile() throws Exception {
        byte[] file = new byte[64 * 1024];
        new Random(5).nextBytes(file);
        HttpServer origin = ProxyEndToEndTest.fileOrigin(file);
        services.add(() -> origin.stop(0));

        NodeRuntime gw1 = start("gw1", List.of(), null);
        BootstrapConfig bootstrap = new BootstrapConfig(null, gw1.boundAddresses().udp());
        NodeRuntime gw2 = start("gw2", List.of(), bootstrap);
        NodeRuntime relay1 = start("relay1", List.of(gw1), bootstrap);
        NodeRuntime relay2 = start("relay2", List.of(gw2), bootstrap);
        NodeRuntime guard = start("guard", List.of(relay1, relay2), bootstrap);
        start("plain", List.of(guard), bootstrap);
        ExitPolicy policy = ExitPolicy.publicOnly().allowingPrivateDestinations();
        services.add(ExitService.start(gw1, new GatewayOffer(500_000, 100, "eu-west", policy, 3_000)));
        services.add(ExitService.start(gw2, new GatewayOffer(750_000, 100, "us-east", policy, 3_000)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!(gw1.discovery().selfRecord().gateway().isPresent()
                && gw2.discovery().selfRecord().gateway().isPresent()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        InetSocketAddress guardAddress = guard.boundAddresses().udp();
        DesktopSettings settings = DesktopSettingsFile.parse(List.of("listen.address = 127.0.0.1", "udp.port = 0",
                "socks.port = 0", "http.port = 0", "qos = real-time", "share.price-droplets = 2000",
                "bootstrap = " + guard.nodeId().hex() + " 127.0.0.1:" + guardAddress.getPort()));
        EmbeddedNetwork app = EmbeddedNetwork.join(settings, dir.resolve("app"), Duration.ofSeconds(40));
        services.add(app);

        assertThat(app.joinedPeers()).isTrue();
        assertThat(app.network()).isNull();
        assertThat(app.routeOpener()).as("no escrow on joined peers: the VPN is unpaid, as the proxy is")
                .isSameAs(io.skywire.node.gateway.RouteOpener.UNPAID);
        // The join returns once some gateway is known; the other one's record may come a moment later. The summary
        // counts the directory's list; the proxy takes each list on its own loop just after, so wait for both.
        FxTesting.until(20, () -> app.summary().matches("Joined [1-6] peers?; proxy over 2 gateways")
                && app.sample().gateways().size() == 2);
        assertThat(app.summary()).matches("Joined [1-6] peers?; proxy over 2 gateways");
        // Advertised in the node's record, which is re-signed at most once per 2 s.
        FxTesting.until(20, () -> app.client().discovery().selfRecord().content().forwardingPricePerGbDroplets()
                == 2_000);
        NodeSample sample = app.sample();
        assertThat(sample.gateways()).extracting(snapshot -> snapshot.candidate().gateway())
                .containsExactlyInAnyOrder(gw1.nodeId(), gw2.nodeId());
        assertThat(fetch(app.proxy().socksAddress(), origin.getAddress().getPort())).isEqualTo(file);
        assertThat(app.sample().tunnel().state()).isIn(TunnelState.CONNECTING, TunnelState.CONNECTED,
                TunnelState.DEGRADED);
        assertThat(dir.resolve("app").resolve("node").resolve("node.key")).exists();
        assertThat(settings.qos()).isEqualTo(QosClass.REAL_TIME);

        // The window over the joined node: the status bar says what was joined, the dashboard shows the app's node.
        FxToolkit.registerPrimaryStage();
        DesktopWindow window = WaitForAsyncUtils.asyncFx(() -> DesktopWindow.show(new Stage(), () -> app,
                new SettingsViewModel(settings, null), true)).get(10, TimeUnit.SECONDS);
        FxTesting.until(10, () -> window.network() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new FxRobot().from(window.stage().getScene().getRoot()).lookup(".status-bar")
                .queryAs(StatusBar.class).getText()).isEqualTo(app.summary());
        assertThat(window.dashboard().nodeStatusProperty().get())
                .isEqualTo("running as " + app.client().nodeId().fingerprint());
        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
    }

    @Test
    void noAnswerFromTheBootstrapNodesIsTheReasonGiven() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DesktopSettings settings = DesktopSettingsFile.parse(List.of("listen.address = 127.0.0.1",
                    "udp.port = 0", "socks.port = 0", "http.port = 0",
                    "bootstrap = 127.0.0.1:" + silent.getLocalPort()));
            assertThatThrownBy(() -> EmbeddedNetwork.join(settings, dir.resolve("app"), Duration.ofSeconds(2)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no answer from the bootstrap nodes 127.0.0.1:" + silent.getLocalPort() + " within 2 s");
        }
    }

    private NodeRuntime start(String name, List<NodeRuntime> peers, BootstrapConfig bootstrap) throws Exception {
        DiscoveryConfig discovery = DiscoveryConfig.passive().withPexIntervalMillis(500)
                .withBootstrap(bootstrap == null ? List.of() : List.of(bootstrap));
        NodeConfig config = NodeConfig.udp(new InetSocketAddress("127.0.0.1", 0), dir.resolve(name))
                .withDiscovery(discovery)
                .withPeers(peers.stream().map(peer -> new PeerConfig(peer.nodeId(), Transport.UDP,
                        peer.boundAddresses().udp())).toList());
        // The whole network shares the machine's cores: a loop stalled for seconds is not a dead link (a gateway's
        // link declared dead after 3 s at load 30 left the proxy's route half-open and the fetch timed out).
        NodeRuntime node = NodeRuntime.start(config, LocalTestNetwork.patientEngine(), LinkSettings.defaults());
        nodes.add(node);
        for (NodeRuntime peer : peers) {
            node.linkUp(peer.nodeId()).get(10, TimeUnit.SECONDS);
        }
        return node;
    }

    private static byte[] fetch(InetSocketAddress socks, int port) throws IOException {
        try (Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks))) {
            socket.setSoTimeout(20_000);
            socket.connect(InetSocketAddress.createUnresolved("localhost", port), 20_000);
            socket.getOutputStream().write("GET /file HTTP/1.0\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            return Arrays.copyOfRange(all, text.indexOf("\r\n\r\n") + 4, all.length);
        }
    }
}
