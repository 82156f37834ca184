package io.skywire.app.settings;

import io.skywire.node.discovery.GatewayService;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.engine.QosClass;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.runtime.NodeConfigParser;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Every key of {@code desktop.conf}, with its default and the one check of its value that both the file parser and the
 * settings screen use, so a value the screen accepts is one the file accepts and the other way round. Values that
 * become node configuration are checked by node-core's own parser ({@link NodeConfigParser#parseBootstrap}).
 */
public enum SettingKey {
    /** Forward routes for other nodes (a transit hop); off refuses every transit setup. */
    FORWARD("share.forward", "on", false),
    /** The most this node sends per second on one UDP link, in kB/s (1000 bytes): the node's {@code udp.rate}. */
    BANDWIDTH("share.bandwidth-kb", "12500", false),
    /** The forwarding price this node advertises in its record, droplets per GB. */
    FORWARD_PRICE("share.price-droplets", "0", false),
    /** Act as a gateway to the internet (off by default). */
    GATEWAY("gateway", "off", false),
    /** The gateway's price, droplets per GB. */
    GATEWAY_PRICE("gateway.price-droplets", "1000000", false),
    /** The gateway's region label, as records carry it (a-z, 0-9, '-'). */
    GATEWAY_REGION("gateway.region", "unknown", false),
    /** The service class of the routes the proxies open: bulk or real-time. */
    QOS("qos", "bulk", false),
    /**
     * The forwarding mode of the VPN's bulk packet lane: on, store-and-forward; off, cut-through (no per-hop
     * buffering; the TCP inside resends end to end). The proxies' streams are store-and-forward always.
     */
    VPN_STORE_AND_FORWARD("vpn.store-and-forward", "on", false),
    /** The address the node's sockets bind (0.0.0.0: every interface). */
    LISTEN_ADDRESS("listen.address", "0.0.0.0", false),
    /** The node's UDP port (0: any free port). */
    UDP_PORT("udp.port", "7700", false),
    /** The node's TCP port for incoming links, or off. */
    TCP_PORT("tcp.port", "off", false),
    /** The SOCKS5 proxy's port on 127.0.0.1 (0: any free port). */
    SOCKS_PORT("socks.port", "1080", false),
    /** The HTTP CONNECT proxy's port on 127.0.0.1 (0: any free port), or off. */
    HTTP_PORT("http.port", "8118", false),
    /** The node's data directory (its key); relative to the app's data directory. */
    DATA_DIR("data.dir", "node", false),
    /** A node to join: {@code HOST:PORT} or {@code NODE_ID_HEX HOST:PORT}; may repeat; none runs the local test network. */
    BOOTSTRAP("bootstrap", null, true);

    /** Highest kB/s: well above any link, and its bytes fit a long. */
    static final long MAX_BANDWIDTH_KB = 100_000_000L;
    /** Lowest kB/s: the node's own floor of 10,000 bytes per second. */
    static final long MIN_BANDWIDTH_KB = 10;

    private final String key;
    private final String defaultText;
    private final boolean repeats;

    SettingKey(String key, String defaultText, boolean repeats) {
        this.key = key;
        this.defaultText = defaultText;
        this.repeats = repeats;
    }

    /** The key as written in the file. */
    public String key() {
        return key;
    }

    /** The default as written in the file; null for a key that may be absent ({@link #BOOTSTRAP}). */
    public String defaultText() {
        return defaultText;
    }

    /** Whether the key may appear more than once. */
    public boolean repeats() {
        return repeats;
    }

    /** The key named {@code name} in a file, or null. */
    public static SettingKey named(String name) {
        for (SettingKey setting : values()) {
            if (setting.key.equals(name)) {
                return setting;
            }
        }
        return null;
    }

    /**
     * Checks {@code text} and returns its value: Boolean, Long, Integer (ports; -1 for off), QosClass or String.
     *
     * @throws NodeConfigException (line 0) with the reason shown next to the field
     */
    public Object parse(String text) throws NodeConfigException {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new NodeConfigException(0, "needs a value");
        }
        return switch (this) {
            case FORWARD, GATEWAY, VPN_STORE_AND_FORWARD -> bool(value);
            case BANDWIDTH -> number(value, MIN_BANDWIDTH_KB, MAX_BANDWIDTH_KB, "kB/s");
            case FORWARD_PRICE, GATEWAY_PRICE -> number(value, 0, NodeRecordCodec.MAX_PRICE_DROPLETS, "droplets per GB");
            case GATEWAY_REGION -> region(value);
            case QOS -> qos(value);
            case LISTEN_ADDRESS -> host(value);
            case UDP_PORT, SOCKS_PORT -> (int) number(value, 0, 65_535, "port");
            case TCP_PORT -> off(value) ? -1 : (int) number(value, 1, 65_535, "port");
            case HTTP_PORT -> off(value) ? -1 : (int) number(value, 0, 65_535, "port");
            case DATA_DIR -> path(value);
            case BOOTSTRAP -> bootstrap(value);
        };
    }

    private static boolean off(String value) {
        return value.equalsIgnoreCase("off");
    }

    private static Boolean bool(String value) throws NodeConfigException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new NodeConfigException(0, "must be on or off, was '" + value + "'");
        };
    }

    private static long number(String value, long min, long max, String unit) throws NodeConfigException {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new NodeConfigException(0, "'" + value + "' is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new NodeConfigException(0, "a " + unit + " must be in " + min + ".." + max + ", was " + parsed);
        }
        return parsed;
    }

    private static String region(String value) throws NodeConfigException {
        if (!GatewayService.isValidRegion(value)) {
            throw new NodeConfigException(0, "a region is 1 to " + GatewayService.MAX_REGION_LENGTH
                    + " characters of a-z, 0-9 and '-', such as eu-west");
        }
        return value;
    }

    private static QosClass qos(String value) throws NodeConfigException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "bulk" -> QosClass.BULK;
            case "real-time" -> QosClass.REAL_TIME;
            default -> throw new NodeConfigException(0, "must be bulk or real-time, was '" + value + "'");
        };
    }

    /** What the file writes for a service class. */
    static String qosText(QosClass qos) {
        return qos == QosClass.BULK ? "bulk" : "real-time";
    }

    private static String host(String value) throws NodeConfigException {
        NodeConfigParser.parseBootstrap(value + ":1", 0);
        return value;
    }

    private static String path(String value) throws NodeConfigException {
        try {
            Path.of(value);
        } catch (InvalidPathException e) {
            throw new NodeConfigException(0, "not a path: " + e.getReason());
        }
        return value;
    }

    private static String bootstrap(String value) throws NodeConfigException {
        NodeConfigParser.parseBootstrap(value, 0);
        return value;
    }
}
