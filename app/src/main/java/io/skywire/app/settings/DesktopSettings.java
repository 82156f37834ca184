package io.skywire.app.settings;

import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.runtime.NodeConfigParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the desktop app's user chose (the first-run wizard and the settings screen write it to {@code desktop.conf}).
 * Where a setting is node configuration (ports, bandwidth, data directory, bootstrap nodes) the app does not interpret
 * it itself: {@link #nodeConfigLines} writes a docs/CONFIG.md node configuration and node-core's parser reads it, so
 * the desktop node and {@code skywire node} mean the same thing by every key.
 *
 * @param forward              forward routes for others (off: every transit setup is refused)
 * @param bandwidthKb          the most the node sends per second on one UDP link, kB/s (its {@code udp.rate} / 1000)
 * @param forwardPriceDroplets forwarding price advertised in the node's record, droplets per GB
 * @param gateway              act as a gateway to the internet
 * @param gatewayPriceDroplets the gateway's price, droplets per GB
 * @param gatewayRegion        the gateway's region label
 * @param qos                  service class of the routes the proxies open
 * @param listenAddress        the address the node binds
 * @param udpPort              the node's UDP port (0: any)
 * @param tcpPort              the node's TCP port, or -1 for no TCP listener
 * @param socksPort            the SOCKS5 port on 127.0.0.1 (0: any)
 * @param httpPort             the HTTP CONNECT port on 127.0.0.1 (0: any), or -1 for none
 * @param dataDir              the node's data directory, relative to the app's data directory unless absolute
 * @param bootstrap            nodes to join, as written ({@code HOST:PORT} or {@code NODE_ID_HEX HOST:PORT}); empty:
 *                             the app runs the local test network instead
 * @param vpnStoreAndForward   the VPN's bulk lane store-and-forward (on) or cut-through (off); see {@link #vpnBulkMode}
 */
public record DesktopSettings(boolean forward, long bandwidthKb, long forwardPriceDroplets, boolean gateway,
                              long gatewayPriceDroplets, String gatewayRegion, QosClass qos, String listenAddress,
                              int udpPort, int tcpPort, int socksPort, int httpPort, String dataDir,
                              List<String> bootstrap, boolean vpnStoreAndForward) {

    /** The file's name in the app's data directory. */
    public static final String FILE_NAME = "desktop.conf";

    public DesktopSettings {
        Objects.requireNonNull(gatewayRegion, "gatewayRegion");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        bootstrap = List.copyOf(bootstrap);
    }

    /** Settings with the VPN's bulk lane store-and-forward (the default). */
    public DesktopSettings(boolean forward, long bandwidthKb, long forwardPriceDroplets, boolean gateway,
                           long gatewayPriceDroplets, String gatewayRegion, QosClass qos, String listenAddress,
                           int udpPort, int tcpPort, int socksPort, int httpPort, String dataDir,
                           List<String> bootstrap) {
        this(forward, bandwidthKb, forwardPriceDroplets, gateway, gatewayPriceDroplets, gatewayRegion, qos,
                listenAddress, udpPort, tcpPort, socksPort, httpPort, dataDir, bootstrap, true);
    }

    /** Every key at its default: forwarding on at no price, no gateway, no bootstrap nodes. */
    public static DesktopSettings defaults() {
        try {
            return of(new EnumMap<>(SettingKey.class), List.of());
        } catch (NodeConfigException e) {
            throw new IllegalStateException("a default does not pass its own check: " + e.getMessage(), e);
        }
    }

    /**
     * Settings from checked values ({@link SettingKey#parse}); a key missing from {@code values} takes its default.
     *
     * @throws NodeConfigException (line 0) when a default is missing a check, which is a bug
     */
    static DesktopSettings of(Map<SettingKey, Object> values, List<String> bootstrap) throws NodeConfigException {
        Map<SettingKey, Object> all = new EnumMap<>(values);
        for (SettingKey key : SettingKey.values()) {
            if (!key.repeats() && !all.containsKey(key)) {
                all.put(key, key.parse(key.defaultText()));
            }
        }
        return new DesktopSettings((Boolean) all.get(SettingKey.FORWARD), (Long) all.get(SettingKey.BANDWIDTH),
                (Long) all.get(SettingKey.FORWARD_PRICE), (Boolean) all.get(SettingKey.GATEWAY),
                (Long) all.get(SettingKey.GATEWAY_PRICE), (String) all.get(SettingKey.GATEWAY_REGION),
                (QosClass) all.get(SettingKey.QOS), (String) all.get(SettingKey.LISTEN_ADDRESS),
                (Integer) all.get(SettingKey.UDP_PORT), (Integer) all.get(SettingKey.TCP_PORT),
                (Integer) all.get(SettingKey.SOCKS_PORT), (Integer) all.get(SettingKey.HTTP_PORT),
                (String) all.get(SettingKey.DATA_DIR), bootstrap, (Boolean) all.get(SettingKey.VPN_STORE_AND_FORWARD));
    }

    /** The value of {@code key} as the file writes it (for {@link SettingKey#BOOTSTRAP}: one line per node). */
    public List<String> text(SettingKey key) {
        return switch (key) {
            case FORWARD -> List.of(forward ? "on" : "off");
            case BANDWIDTH -> List.of(Long.toString(bandwidthKb));
            case FORWARD_PRICE -> List.of(Long.toString(forwardPriceDroplets));
            case GATEWAY -> List.of(gateway ? "on" : "off");
            case GATEWAY_PRICE -> List.of(Long.toString(gatewayPriceDroplets));
            case GATEWAY_REGION -> List.of(gatewayRegion);
            case QOS -> List.of(SettingKey.qosText(qos));
            case LISTEN_ADDRESS -> List.of(listenAddress);
            case UDP_PORT -> List.of(Integer.toString(udpPort));
            case TCP_PORT -> List.of(tcpPort < 0 ? "off" : Integer.toString(tcpPort));
            case SOCKS_PORT -> List.of(Integer.toString(socksPort));
            case HTTP_PORT -> List.of(httpPort < 0 ? "off" : Integer.toString(httpPort));
            case DATA_DIR -> List.of(dataDir);
            case BOOTSTRAP -> bootstrap;
            case VPN_STORE_AND_FORWARD -> List.of(vpnStoreAndForward ? "on" : "off");
        };
    }

    /**
     * The forwarding mode the VPN's bulk packet lane is opened in ({@code VpnClient.Settings#bulkMode}). Only that
     * lane follows the setting: the proxies' streams need reliable per-hop delivery and stay store-and-forward.
     */
    public ForwardingMode vpnBulkMode() {
        return vpnStoreAndForward ? ForwardingMode.STORE_AND_FORWARD : ForwardingMode.CUT_THROUGH;
    }

    /** Whether the app joins configured nodes rather than running the local test network. */
    public boolean joinsPeers() {
        return !bootstrap.isEmpty();
    }

    /**
     * The node configuration (docs/CONFIG.md) these settings mean. LAN discovery stays at the node's default: on, on
     * the bound address's interface only (a node on 127.0.0.1 stays off the LAN).
     *
     * @param appDataDir the app's data directory, against which a relative {@code data.dir} is resolved
     */
    public List<String> nodeConfigLines(Path appDataDir) {
        List<String> lines = new ArrayList<>();
        lines.add("# generated by the desktop app from " + FILE_NAME + "; edit that file or the settings screen");
        lines.add("data.dir = " + appDataDir.toAbsolutePath().resolve(dataDir));
        lines.add("udp.listen = " + hostPort(udpPort));
        if (tcpPort >= 0) {
            lines.add("tcp.listen = " + hostPort(tcpPort));
        }
        lines.add("udp.rate = " + Math.multiplyExact(bandwidthKb, 1000L));
        for (String node : bootstrap) {
            lines.add("bootstrap = " + node);
        }
        return lines;
    }

    /**
     * The node configuration, read by node-core's parser from {@link #nodeConfigLines}.
     *
     * @throws NodeConfigException when the node refuses it (a host that no longer resolves, say)
     */
    public NodeConfig nodeConfig(Path appDataDir) throws NodeConfigException {
        return NodeConfigParser.parse(nodeConfigLines(appDataDir), appDataDir.toAbsolutePath());
    }

    /** The SOCKS5 and HTTP proxies on 127.0.0.1 at the chosen ports. */
    public ProxySettings proxySettings() {
        return ProxySettings.loopback(socksPort, httpPort);
    }

    private String hostPort(int port) {
        return (listenAddress.contains(":") && !listenAddress.startsWith("[") ? "[" + listenAddress + "]"
                : listenAddress) + ":" + port;
    }
}
