package io.skywire.node.runtime;

import io.skywire.node.engine.LinkShare;
import io.skywire.node.identity.NodeId;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the node configuration format of docs/CONFIG.md: one {@code key = value} per line, {@code #} starts
 * a comment, blank lines are ignored, {@code peer}, {@code bootstrap} and {@code guard} may repeat and every other key appears at
 * most once.
 * Every refusal names the line and the reason.
 */
public final class NodeConfigParser {

    private static final List<String> SINGLE_KEYS = List.of("udp.listen", "tcp.listen", "data.dir", "log.level",
            "udp.rate", "udp.fault.drop-send", "udp.fault.drop-receive", "udp.fault.delay-ms", "udp.fault.seed",
            "discovery.lan", "discovery.lan.group", "discovery.lan.interval-ms", "discovery.lan.loopback",
            "discovery.dial", "discovery.max-dialled", "discovery.pex.interval-ms", "link.capacity", "forward.cap");

    private NodeConfigParser() {
    }

    /** Reads a file; a relative {@code data.dir} is resolved against the file's directory. */
    public static NodeConfig parse(Path file) throws NodeConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NodeConfigException(0, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(lines, base);
    }

    /** Parses lines; a relative {@code data.dir} is resolved against {@code base}. */
    public static NodeConfig parse(List<String> lines, Path base) throws NodeConfigException {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        List<PeerConfig> peers = new ArrayList<>();
        List<BootstrapConfig> bootstrap = new ArrayList<>();
        Set<NodeId> guards = new LinkedHashSet<>();
        Map<NodeId, LinkShare> shares = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new NodeConfigException(number, "expected 'key = value'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (value.isEmpty()) {
                throw new NodeConfigException(number, "'" + key + "' has no value");
            }
            if (key.equals("peer")) {
                peers.add(parsePeer(value, number));
            } else if (key.equals("bootstrap")) {
                bootstrap.add(parseBootstrap(value, number));
            } else if (key.equals("guard")) {
                if (!guards.add(parseNodeId(value, number, "guard"))) {
                    throw new NodeConfigException(number, "guard " + value + " is listed twice");
                }
            } else if (key.equals("link.share")) {
                parseShare(value, number, shares);
            } else if (SINGLE_KEYS.contains(key)) {
                if (values.containsKey(key)) {
                    throw new NodeConfigException(number, "'" + key + "' repeats line " + lineOf.get(key));
                }
                values.put(key, value);
                lineOf.put(key, number);
            } else {
                throw new NodeConfigException(number, "unknown key '" + key + "'");
            }
        }
        if (!values.containsKey("data.dir")) {
            throw new NodeConfigException(0, "'data.dir' is missing");
        }
        InetSocketAddress udp = values.containsKey("udp.listen")
                ? parseAddress(values.get("udp.listen"), lineOf.get("udp.listen")) : null;
        InetSocketAddress tcp = values.containsKey("tcp.listen")
                ? parseAddress(values.get("tcp.listen"), lineOf.get("tcp.listen")) : null;
        Path dataDir = parsePath(values.get("data.dir"), lineOf.get("data.dir"), base);
        String level = values.getOrDefault("log.level", "INFO").toUpperCase(Locale.ROOT);
        if (!NodeConfig.LOG_LEVELS.contains(level)) {
            throw new NodeConfigException(lineOf.get("log.level"), "log level must be one of ERROR, WARN, INFO, "
                    + "DEBUG, TRACE");
        }
        long rate = values.containsKey("udp.rate")
                ? parseLong(values.get("udp.rate"), lineOf.get("udp.rate"), 10_000, Long.MAX_VALUE)
                : NodeConfig.DEFAULT_UDP_RATE;
        UdpFaults faults = new UdpFaults(probability(values, lineOf, "udp.fault.drop-send"),
                probability(values, lineOf, "udp.fault.drop-receive"),
                (int) optionalLong(values, lineOf, "udp.fault.delay-ms", 0, 10_000),
                optionalLong(values, lineOf, "udp.fault.seed", Long.MIN_VALUE, Long.MAX_VALUE));
        DiscoveryConfig discovery = parseDiscovery(values, lineOf, bootstrap);
        LinkShare every = new LinkShare(
                optionalLong(values, lineOf, "link.capacity", 0, Long.MAX_VALUE / 8),
                optionalLong(values, lineOf, "forward.cap", 0, Long.MAX_VALUE / 8));
        if (udp == null && tcp == null && peers.isEmpty()) {
            throw new NodeConfigException(0, "no 'udp.listen', 'tcp.listen' or 'peer': the node could reach nobody");
        }
        if (udp == null && !bootstrap.isEmpty()) {
            throw new NodeConfigException(0, "'bootstrap' nodes are contacted over UDP: set 'udp.listen'");
        }
        return new NodeConfig(udp, tcp, peers, dataDir, level, rate, faults, discovery, guards,
                new LinkShares(every, shares));
    }

    private static NodeId parseNodeId(String value, int line, String what) throws NodeConfigException {
        try {
            return NodeId.fromHex(value);
        } catch (IllegalArgumentException e) {
            throw new NodeConfigException(line, "bad " + what + " node id: " + e.getMessage(), e);
        }
    }

    private static DiscoveryConfig parseDiscovery(Map<String, String> values, Map<String, Integer> lineOf,
                                                  List<BootstrapConfig> bootstrap) throws NodeConfigException {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        InetSocketAddress group = d.lanGroup();
        if (values.containsKey("discovery.lan.group")) {
            int line = lineOf.get("discovery.lan.group");
            group = parseAddress(values.get("discovery.lan.group"), line);
            if (!(group.getAddress() instanceof Inet4Address) || !group.getAddress().isMulticastAddress()
                    || group.getPort() == 0) {
                throw new NodeConfigException(line, "the LAN group must be an IPv4 multicast address with a port, "
                        + "such as " + d.lanGroup().getHostString() + ":" + d.lanGroup().getPort());
            }
        }
        long lanInterval = values.containsKey("discovery.lan.interval-ms")
                ? parseLong(values.get("discovery.lan.interval-ms"), lineOf.get("discovery.lan.interval-ms"),
                        DiscoveryConfig.MIN_INTERVAL_MILLIS, 86_400_000L)
                : d.lanIntervalMillis();
        long pexInterval = values.containsKey("discovery.pex.interval-ms")
                ? parseLong(values.get("discovery.pex.interval-ms"), lineOf.get("discovery.pex.interval-ms"),
                        DiscoveryConfig.MIN_INTERVAL_MILLIS, 86_400_000L)
                : d.pexIntervalMillis();
        int maxDialled = values.containsKey("discovery.max-dialled")
                ? (int) parseLong(values.get("discovery.max-dialled"), lineOf.get("discovery.max-dialled"), 0, 1024)
                : d.maxDialled();
        return new DiscoveryConfig(bootstrap, bool(values, lineOf, "discovery.lan", d.lan()), group, lanInterval,
                bool(values, lineOf, "discovery.lan.loopback", d.lanLoopback()),
                bool(values, lineOf, "discovery.dial", d.dial()), maxDialled, pexInterval);
    }

    private static boolean bool(Map<String, String> values, Map<String, Integer> lineOf, String key,
                                boolean otherwise) throws NodeConfigException {
        if (!values.containsKey(key)) {
            return otherwise;
        }
        return switch (values.get(key).toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new NodeConfigException(lineOf.get(key), "'" + key + "' must be true or false, was '"
                    + values.get(key) + "'");
        };
    }

    /**
     * {@code HOST:PORT} or {@code NODE_ID_HEX HOST:PORT}, as the {@code bootstrap} key takes it; public so that other
     * files that name bootstrap nodes (the desktop app's settings) accept exactly what a node config accepts.
     */
    public static BootstrapConfig parseBootstrap(String value, int line) throws NodeConfigException {
        String[] parts = value.split("\\s+");
        if (parts.length > 2) {
            throw new NodeConfigException(line, "bootstrap must be 'HOST:PORT' or 'NODE_ID_HEX HOST:PORT'");
        }
        InetSocketAddress address = parseAddress(parts[parts.length - 1], line);
        if (address.getPort() == 0) {
            throw new NodeConfigException(line, "a bootstrap node needs a port other than 0");
        }
        if (parts.length == 1) {
            return new BootstrapConfig(null, address);
        }
        return new BootstrapConfig(parseNodeId(parts[0], line, "bootstrap"), address);
    }

    /** {@code NODE_ID_HEX CAPACITY FORWARD_CAP}, bytes per second, 0 for unknown or no cap. */
    private static void parseShare(String value, int line, Map<NodeId, LinkShare> shares)
            throws NodeConfigException {
        String[] parts = value.split("\\s+");
        if (parts.length != 3) {
            throw new NodeConfigException(line, "link.share must be 'NODE_ID_HEX CAPACITY FORWARD_CAP' "
                    + "(bytes per second, 0 for unknown or no cap)");
        }
        NodeId peer = parseNodeId(parts[0], line, "link.share");
        LinkShare share = new LinkShare(parseLong(parts[1], line, 0, Long.MAX_VALUE / 8),
                parseLong(parts[2], line, 0, Long.MAX_VALUE / 8));
        if (shares.put(peer, share) != null) {
            throw new NodeConfigException(line, "link.share for " + parts[0] + " is given twice");
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static PeerConfig parsePeer(String value, int line) throws NodeConfigException {
        String[] parts = value.split("\\s+");
        if (parts.length != 3) {
            throw new NodeConfigException(line, "peer must be 'NODE_ID_HEX udp|tcp HOST:PORT'");
        }
        NodeId id = parseNodeId(parts[0], line, "peer");
        Transport transport;
        switch (parts[1].toLowerCase(Locale.ROOT)) {
            case "udp" -> transport = Transport.UDP;
            case "tcp" -> transport = Transport.TCP;
            default -> throw new NodeConfigException(line, "transport must be udp or tcp, was '" + parts[1] + "'");
        }
        return new PeerConfig(id, transport, parseAddress(parts[2], line));
    }

    /** HOST:PORT or [IPV6]:PORT; the port must be 0..65535 (0 binds an ephemeral port). */
    static InetSocketAddress parseAddress(String value, int line) throws NodeConfigException {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new NodeConfigException(line, "address must be HOST:PORT, was '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new NodeConfigException(line, "write an IPv6 address in brackets: [" + host + "]:PORT");
        }
        int port = (int) parseLong(value.substring(colon + 1), line, 0, 65_535);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new NodeConfigException(line, "cannot resolve host '" + host + "'");
        }
        return address;
    }

    private static Path parsePath(String value, int line, Path base) throws NodeConfigException {
        try {
            Path path = Path.of(value);
            return path.isAbsolute() || base == null ? path : base.resolve(path);
        } catch (InvalidPathException e) {
            throw new NodeConfigException(line, "bad path: " + e.getMessage(), e);
        }
    }

    private static long parseLong(String value, int line, long min, long max) throws NodeConfigException {
        long parsed;
        try {
            parsed = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new NodeConfigException(line, "'" + value + "' is not a whole number", e);
        }
        if (parsed < min || parsed > max) {
            throw new NodeConfigException(line, value + " is outside " + min + ".." + max);
        }
        return parsed;
    }

    private static long optionalLong(Map<String, String> values, Map<String, Integer> lineOf, String key, long min,
                                     long max) throws NodeConfigException {
        return values.containsKey(key) ? parseLong(values.get(key), lineOf.get(key), min, max) : 0;
    }

    private static double probability(Map<String, String> values, Map<String, Integer> lineOf, String key)
            throws NodeConfigException {
        if (!values.containsKey(key)) {
            return 0;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(values.get(key));
        } catch (NumberFormatException e) {
            throw new NodeConfigException(lineOf.get(key), "'" + values.get(key) + "' is not a number", e);
        }
        if (!(parsed >= 0 && parsed < 1)) {
            throw new NodeConfigException(lineOf.get(key), "a drop probability must be in [0, 1), was " + parsed);
        }
        return parsed;
    }
}
