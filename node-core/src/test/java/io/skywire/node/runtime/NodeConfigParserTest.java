package io.skywire.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.engine.LinkShare;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigParserTest {

    private static final String PEER = NodeKeyPair.generate(new SecureRandom()).nodeId().hex();

    @TempDir
    Path dir;

    @Test
    void readsEveryKey() throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, String.join("\n",
                "# a node",
                "udp.listen = 127.0.0.1:7700",
                "tcp.listen = [::1]:7701   # loopback only",
                "",
                "peer = " + PEER + " udp 127.0.0.1:7800",
                "peer = " + PEER.toUpperCase() + " TCP 127.0.0.1:7801",
                "data.dir = state",
                "log.level = debug",
                "udp.rate = 1_000_000",
                "udp.fault.drop-send = 0.3",
                "udp.fault.delay-ms = 5",
                "udp.fault.seed = 42",
                "guard = " + PEER));

        NodeConfig config = NodeConfigParser.parse(file);

        assertThat(config.udpListen().getPort()).isEqualTo(7700);
        assertThat(config.tcpListen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(config.peers()).extracting(PeerConfig::transport).containsExactly(Transport.UDP, Transport.TCP);
        assertThat(config.peers().get(1).id().hex()).isEqualTo(PEER);
        assertThat(config.dataDirectory()).isEqualTo(dir.toAbsolutePath().resolve("state"));
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.udpRate()).isEqualTo(1_000_000);
        assertThat(config.udpFaults()).isEqualTo(new UdpFaults(0.3, 0, 5, 42));
        assertThat(config.guards()).extracting(NodeId::hex).containsExactly(PEER);
        assertThat(config.allowsFirstHop(NodeId.fromHex(PEER))).isTrue();
        assertThat(config.allowsFirstHop(NodeKeyPair.generate(new SecureRandom()).nodeId())).isFalse();
        assertThat(config.withGuards(java.util.Set.of()).allowsFirstHop(NodeKeyPair.generate(new SecureRandom())
                .nodeId())).as("no guards: any first hop").isTrue();
    }

    @ParameterizedTest(name = "{0} -> line {1}")
    @CsvSource(delimiter = '|', value = {
        "udp.listen 127.0.0.1:1                       | 2 | expected 'key = value'",
        "colour = blue                                | 2 | unknown key 'colour'",
        "data.dir = other                             | 2 | 'data.dir' repeats line 1",
        "udp.listen = 127.0.0.1                       | 2 | address must be HOST:PORT",
        "udp.listen = 127.0.0.1:70000                 | 2 | outside 0..65535",
        "udp.listen = ::1:7000                        | 2 | brackets",
        "peer = 02ab udp 127.0.0.1:1                  | 2 | bad peer node id",
        "peer = PEERID sctp 127.0.0.1:1               | 2 | transport must be udp or tcp",
        "peer = PEERID udp                            | 2 | peer must be",
        "log.level = loud                             | 2 | log level must be",
        "udp.rate = fast                              | 2 | not a whole number",
        "udp.fault.drop-send = 1.5                    | 2 | drop probability",
        "tcp.listen =                                 | 2 | has no value",
        "bootstrap = 127.0.0.1:0                      | 2 | port other than 0",
        "bootstrap = 02ab 127.0.0.1:7700              | 2 | bad bootstrap node id",
        "bootstrap = PEERID udp 127.0.0.1:7700        | 2 | bootstrap must be",
        "guard = 02ab                                 | 2 | bad guard node id",
        "discovery.lan = maybe                        | 2 | must be true or false",
        "discovery.lan.group = 10.0.0.1:47877         | 2 | IPv4 multicast address",
        "discovery.lan.group = 239.255.1.1:0          | 2 | IPv4 multicast address",
        "discovery.lan.interval-ms = 5                | 2 | outside 100..",
        "discovery.max-dialled = -1                   | 2 | outside 0..1024",
        "forward.cap = -5                             | 2 | outside 0..",
        "link.capacity = lots                         | 2 | not a whole number",
        "link.share = PEERID 1000                     | 2 | link.share must be",
        "link.share = 02ab 1000 500                   | 2 | bad link.share node id",
    })
    void refusesABrokenLineWithItsNumberAndReason(String line, int number, String reason) {
        List<String> lines = List.of("data.dir = /tmp/x", line.replace("PEERID", PEER), "# the end");

        assertThatThrownBy(() -> NodeConfigParser.parse(lines, dir))
                .isInstanceOfSatisfying(NodeConfigException.class, e -> {
                    assertThat(e.line()).isEqualTo(number);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).startsWith("line " + number + ": ");
                });
    }

    @Test
    void readsTheDiscoveryKeysAndDefaultsToLanOnWithoutBootstrap() throws Exception {
        NodeConfig plain = NodeConfigParser.parse(List.of("data.dir = x", "udp.listen = 0.0.0.0:7700"), dir);
        assertThat(plain.discovery()).isEqualTo(DiscoveryConfig.defaults());
        assertThat(plain.discovery().lan()).isTrue();

        NodeConfig config = NodeConfigParser.parse(List.of("data.dir = x", "udp.listen = 0.0.0.0:7700",
                "bootstrap = 127.0.0.1:7800", "bootstrap = " + PEER + " 127.0.0.1:7801",
                "discovery.lan = off", "discovery.lan.group = 239.255.1.2:5000", "discovery.lan.interval-ms = 2_000",
                "discovery.lan.loopback = true", "discovery.dial = false", "discovery.max-dialled = 3",
                "discovery.pex.interval-ms = 500"), dir);

        DiscoveryConfig d = config.discovery();
        assertThat(d.bootstrap()).extracting(BootstrapConfig::id).containsExactly(null, NodeId.fromHex(PEER));
        assertThat(d.bootstrap().get(1).address().getPort()).isEqualTo(7801);
        assertThat(d.lan()).isFalse();
        assertThat(d.lanGroup()).isEqualTo(new InetSocketAddress("239.255.1.2", 5000));
        assertThat(d.lanIntervalMillis()).isEqualTo(2_000);
        assertThat(d.lanLoopback()).isTrue();
        assertThat(d.dial()).isFalse();
        assertThat(d.maxDialled()).isEqualTo(3);
        assertThat(d.pexIntervalMillis()).isEqualTo(500);
    }

    @Test
    void readsLinkCapacitiesAndForwardingCapsWithPerNeighbourOverrides() throws Exception {
        NodeConfig plain = NodeConfigParser.parse(List.of("data.dir = x", "udp.listen = 0.0.0.0:7700"), dir);
        assertThat(plain.linkShares()).isEqualTo(LinkShares.NONE);

        NodeConfig config = NodeConfigParser.parse(List.of("data.dir = x", "udp.listen = 0.0.0.0:7700",
                "link.capacity = 1_250_000", "forward.cap = 500000", "link.share = " + PEER + " 25000000 0"), dir);
        NodeId other = NodeKeyPair.generate(new SecureRandom()).nodeId();
        assertThat(config.linkShares().forPeer(other)).isEqualTo(LinkShare.of(1_250_000, 500_000));
        assertThat(config.linkShares().forPeer(NodeId.fromHex(PEER))).isEqualTo(LinkShare.of(25_000_000, 0));
        assertThatThrownBy(() -> NodeConfigParser.parse(List.of("data.dir = x", "udp.listen = 0.0.0.0:7700",
                "link.share = " + PEER + " 1 2", "link.share = " + PEER + " 3 4"), dir))
                .isInstanceOfSatisfying(NodeConfigException.class, e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void refusesBootstrapWithoutUdp() {
        assertThatThrownBy(() -> NodeConfigParser.parse(List.of("data.dir = x", "tcp.listen = 127.0.0.1:0",
                "bootstrap = 127.0.0.1:7800"), dir))
                .isInstanceOfSatisfying(NodeConfigException.class, e -> assertThat(e.reason()).contains("udp.listen"));
    }

    @Test
    void refusesAFileWithoutDataDirOrAddresses() {
        assertThatThrownBy(() -> NodeConfigParser.parse(List.of("udp.listen = 127.0.0.1:0"), dir))
                .isInstanceOfSatisfying(NodeConfigException.class, e -> assertThat(e.reason()).contains("data.dir"));
        assertThatThrownBy(() -> NodeConfigParser.parse(List.of("data.dir = x"), dir))
                .isInstanceOfSatisfying(NodeConfigException.class, e -> assertThat(e.line()).isZero());
    }

    @Test
    void createsTheKeyOwnerOnlyOnceAndReadsItBack() throws Exception {
        Path data = dir.resolve("data");
        NodeKeyPair first = NodeKeyFile.loadOrCreate(data);
        NodeKeyPair second = NodeKeyFile.loadOrCreate(data);

        assertThat(second.nodeId()).isEqualTo(first.nodeId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(NodeKeyFile.FILE_NAME))))
                .isEqualTo("rw-------");
    }
}
