package io.skywire.app.settings;

import io.skywire.node.runtime.NodeConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.runtime.NodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopSettingsFileTest {

    private static final String NODE_ID = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsTheDefaultsAndTheDefaultsJoinNobody() throws Exception {
        DesktopSettings settings = DesktopSettingsFile.read(dir.resolve("desktop.conf"));
        assertThat(settings).isEqualTo(DesktopSettings.defaults());
        assertThat(settings.forward()).isTrue();
        assertThat(settings.gateway()).isFalse();
        assertThat(settings.qos()).isEqualTo(QosClass.BULK);
        assertThat(settings.joinsPeers()).isFalse();
    }

    @Test
    void writtenSettingsReadBackEqualAndTheFileHoldsNoTemporaryLeftovers() throws Exception {
        DesktopSettings settings = new DesktopSettings(false, 500, 20_000, true, 750_000, "eu-west",
                QosClass.REAL_TIME, "127.0.0.1", 0, 7701, 0, -1, "node-a",
                List.of("127.0.0.1:7700", NODE_ID + " 127.0.0.1:7702"));
        Path file = DesktopSettingsFile.in(dir);
        DesktopSettingsFile.write(file, settings);
        assertThat(DesktopSettingsFile.read(file)).isEqualTo(settings);
        assertThat(Files.readString(file)).contains("bootstrap = 127.0.0.1:7700\n").contains("http.port = off\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("desktop.conf");
        }
    }

    @Test
    void theVpnsBulkLaneIsStoreAndForwardUnlessTheFileSaysOff() throws Exception {
        assertThat(DesktopSettings.defaults().vpnBulkMode()).isEqualTo(ForwardingMode.STORE_AND_FORWARD);
        DesktopSettings off = DesktopSettingsFile.parse(List.of("vpn.store-and-forward = off"));
        assertThat(off.vpnStoreAndForward()).isFalse();
        assertThat(off.vpnBulkMode()).isEqualTo(ForwardingMode.CUT_THROUGH);
        assertThat(DesktopSettingsFile.format(off)).contains("vpn.store-and-forward = off");
        assertThat(DesktopSettingsFile.parse(DesktopSettingsFile.format(off))).isEqualTo(off);
    }

    @Test
    void refusalsNameTheLineAndTheReason() {
        assertRefused(List.of("# comment", "", "colour = blue"), 3, "unknown key 'colour'");
        assertRefused(List.of("share.forward = maybe"), 1, "'share.forward' must be on or off, was 'maybe'");
        assertRefused(List.of("udp.port = 1", "udp.port = 2"), 2, "'udp.port' repeats line 1");
        assertRefused(List.of("socks.port = 70000"), 1, "'socks.port' a port must be in 0..65535, was 70000");
        assertRefused(List.of("gateway.region = EU West"), 1, "a region is 1 to 32 characters");
        assertRefused(List.of("bootstrap = 127.0.0.1"), 1, "address must be HOST:PORT");
        assertRefused(List.of("bootstrap = 127.0.0.1:0"), 1, "a bootstrap node needs a port other than 0");
        assertRefused(List.of("bootstrap = abc 127.0.0.1:7"), 1, "bad bootstrap node id");
        assertRefused(List.of("share.bandwidth-kb = 9"), 1, "must be in 10..");
        assertRefused(List.of("qos"), 1, "expected 'key = value'");
        assertRefused(List.of("qos ="), 1, "'qos' needs a value");
        assertRefused(List.of("vpn.store-and-forward = sometimes"), 1,
                "'vpn.store-and-forward' must be on or off, was 'sometimes'");
    }

    @Test
    void theNodeConfigurationIsReadByNodeCoresParser() throws Exception {
        DesktopSettings settings = DesktopSettingsFile.parse(List.of("listen.address = 127.0.0.1", "udp.port = 0",
                "tcp.port = 7705", "share.bandwidth-kb = 250", "bootstrap = " + NODE_ID + " 127.0.0.1:7700",
                "data.dir = state"));
        NodeConfig node = settings.nodeConfig(dir);
        assertThat(node.dataDirectory()).isEqualTo(dir.toAbsolutePath().resolve("state"));
        assertThat(node.udpListen()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
        assertThat(node.tcpListen()).isEqualTo(new InetSocketAddress("127.0.0.1", 7705));
        assertThat(node.udpRate()).isEqualTo(250_000);
        assertThat(node.discovery().bootstrap()).singleElement()
                .satisfies(b -> assertThat(b.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 7700)))
                .satisfies(b -> assertThat(b.id().hex()).isEqualTo(NODE_ID));
        assertThat(settings.proxySettings().socksListen().getPort()).isEqualTo(1080);
    }

    private static void assertRefused(List<String> lines, int line, String reason) {
        assertThatThrownBy(() -> DesktopSettingsFile.parse(lines)).isInstanceOfSatisfying(NodeConfigException.class,
                e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(reason);
                });
    }
}
