package io.skywire.node.runtime;

import io.skywire.node.identity.NodeId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a node needs to run: where it listens, whom it dials, where it keeps its key, and how fast it may
 * send on each UDP link. {@link NodeConfigParser} reads it from a file (docs/CONFIG.md).
 *
 * @param udpListen     the UDP address to bind, or null for no UDP links
 * @param tcpListen     the TCP address to listen on, or null to accept no TCP links (dialling still works)
 * @param peers         static neighbours, dialled at start
 * @param dataDirectory where the node key lives; created with the key on first start
 * @param logLevel      one of ERROR, WARN, INFO, DEBUG, TRACE; applied by the launcher's logging backend
 * @param udpRate       bytes per second the driver sends at most on one UDP link (its pacing rate)
 * @param udpFaults     loss and delay the UDP driver injects (tests)
 * @param discovery     bootstrap nodes, LAN multicast and dialling of discovered nodes
 * @param guards        guard nodes: when not empty, every route this node originates must start at one of them,
 *                      so a hostile neighbour set cannot watch the first hop of every route it opens
 * @param linkShares    each link's capacity and the cap on forwarded traffic on it (share only spare capacity)
 */
public record NodeConfig(InetSocketAddress udpListen, InetSocketAddress tcpListen, List<PeerConfig> peers,
                         Path dataDirectory, String logLevel, long udpRate, UdpFaults udpFaults,
                         DiscoveryConfig discovery, Set<NodeId> guards, LinkShares linkShares) {

    /** Log levels a configuration may name. */
    public static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    /** Default pacing rate of a UDP link: 100 Mbit/s. */
    public static final long DEFAULT_UDP_RATE = 12_500_000L;

    public NodeConfig {
        peers = List.copyOf(peers);
        guards = Set.copyOf(guards);
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(udpFaults, "udpFaults");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(linkShares, "linkShares");
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("log level must be one of " + LOG_LEVELS + ", was " + logLevel);
        }
        if (udpRate < 10_000) {
            throw new IllegalArgumentException("udp rate must be at least 10000 bytes per second, was " + udpRate);
        }
        if (udpListen == null && tcpListen == null && peers.isEmpty()) {
            throw new IllegalArgumentException("a node needs a listen address or a peer");
        }
        if (udpListen == null && !discovery.bootstrap().isEmpty()) {
            throw new IllegalArgumentException("bootstrap nodes are contacted over UDP: set a UDP listen address");
        }
    }

    /** A node with no configured link capacity or forwarding cap. */
    public NodeConfig(InetSocketAddress udpListen, InetSocketAddress tcpListen, List<PeerConfig> peers,
                      Path dataDirectory, String logLevel, long udpRate, UdpFaults udpFaults, DiscoveryConfig discovery,
                      Set<NodeId> guards) {
        this(udpListen, tcpListen, peers, dataDirectory, logLevel, udpRate, udpFaults, discovery, guards,
                LinkShares.NONE);
    }

    /** A node without guards (any first hop allowed). */
    public NodeConfig(InetSocketAddress udpListen, InetSocketAddress tcpListen, List<PeerConfig> peers,
                      Path dataDirectory, String logLevel, long udpRate, UdpFaults udpFaults, DiscoveryConfig discovery) {
        this(udpListen, tcpListen, peers, dataDirectory, logLevel, udpRate, udpFaults, discovery, Set.of());
    }

    /**
     * A node on the given UDP address with no peers, the default rate, no faults and passive discovery (no
     * multicast, no dialling: see {@link DiscoveryConfig#passive()}).
     */
    public static NodeConfig udp(InetSocketAddress udpListen, Path dataDirectory) {
        return new NodeConfig(udpListen, null, List.of(), dataDirectory, "INFO", DEFAULT_UDP_RATE, UdpFaults.NONE,
                DiscoveryConfig.passive());
    }

    /** A copy with other static peers. */
    public NodeConfig withPeers(List<PeerConfig> newPeers) {
        return new NodeConfig(udpListen, tcpListen, newPeers, dataDirectory, logLevel, udpRate, udpFaults, discovery,
                guards, linkShares);
    }

    /** A copy with another TCP listen address. */
    public NodeConfig withTcpListen(InetSocketAddress address) {
        return new NodeConfig(udpListen, address, peers, dataDirectory, logLevel, udpRate, udpFaults, discovery,
                guards, linkShares);
    }

    /** A copy with another UDP pacing rate. */
    public NodeConfig withUdpRate(long bytesPerSecond) {
        return new NodeConfig(udpListen, tcpListen, peers, dataDirectory, logLevel, bytesPerSecond, udpFaults,
                discovery, guards, linkShares);
    }

    /** A copy with injected UDP faults. */
    public NodeConfig withUdpFaults(UdpFaults faults) {
        return new NodeConfig(udpListen, tcpListen, peers, dataDirectory, logLevel, udpRate, faults, discovery,
                guards, linkShares);
    }

    /** A copy with other guard nodes (empty: any first hop). */
    public NodeConfig withGuards(Set<NodeId> newGuards) {
        return new NodeConfig(udpListen, tcpListen, peers, dataDirectory, logLevel, udpRate, udpFaults, discovery,
                newGuards, linkShares);
    }

    /** A copy with other link capacities and forwarding caps. */
    public NodeConfig withLinkShares(LinkShares shares) {
        return new NodeConfig(udpListen, tcpListen, peers, dataDirectory, logLevel, udpRate, udpFaults, discovery,
                guards, shares);
    }

    /** Whether a route may start at {@code firstHop}: it is a guard, or no guards are set. */
    public boolean allowsFirstHop(NodeId firstHop) {
        return guards.isEmpty() || guards.contains(firstHop);
    }

    /** A copy with other discovery settings. */
    public NodeConfig withDiscovery(DiscoveryConfig settings) {
        return new NodeConfig(udpListen, tcpListen, peers, dataDirectory, logLevel, udpRate, udpFaults, settings,
                guards, linkShares);
    }
}
