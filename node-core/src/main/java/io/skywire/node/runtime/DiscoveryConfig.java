package io.skywire.node.runtime;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * How a node finds other nodes: the bootstrap list, LAN multicast, and whether it dials links to the nodes it
 * learns of. Read from the {@code discovery.*} and {@code bootstrap} keys of the config file (docs/CONFIG.md).
 *
 * @param bootstrap        nodes contacted at start
 * @param lan              announce and listen by multicast on the LAN
 * @param lanGroup         the multicast group and port
 * @param lanIntervalMillis mean time between two announcements (jittered by up to a quarter either way)
 * @param lanLoopback      also use the loopback interface (tests on one host)
 * @param dial             dial a link to each discovered node, up to {@code maxDialled}
 * @param maxDialled       links this node dials to discovered nodes at most (static peers not counted)
 * @param pexIntervalMillis time between two peer-exchange requests to one neighbour
 */
public record DiscoveryConfig(List<BootstrapConfig> bootstrap, boolean lan, InetSocketAddress lanGroup,
                              long lanIntervalMillis, boolean lanLoopback, boolean dial, int maxDialled,
                              long pexIntervalMillis) {

    /** The default multicast group: administratively scoped (RFC 2365), so routers do not forward it. */
    public static final InetSocketAddress DEFAULT_LAN_GROUP = new InetSocketAddress("239.255.77.87", 47877);
    public static final long DEFAULT_LAN_INTERVAL_MILLIS = 10_000;
    public static final int DEFAULT_MAX_DIALLED = 16;
    public static final long DEFAULT_PEX_INTERVAL_MILLIS = 60_000;
    /** Announcements and exchanges more often than this would only load the LAN and the neighbours. */
    public static final long MIN_INTERVAL_MILLIS = 100;

    public DiscoveryConfig {
        bootstrap = List.copyOf(bootstrap);
        Objects.requireNonNull(lanGroup, "lanGroup");
        if (lanGroup.isUnresolved() || !lanGroup.getAddress().isMulticastAddress()) {
            throw new IllegalArgumentException("the LAN group must be a multicast address, was " + lanGroup);
        }
        if (lanIntervalMillis < MIN_INTERVAL_MILLIS || pexIntervalMillis < MIN_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("discovery intervals must be at least " + MIN_INTERVAL_MILLIS + " ms");
        }
        if (maxDialled < 0) {
            throw new IllegalArgumentException("max dialled links must not be negative, was " + maxDialled);
        }
    }

    /** What a config file gets without discovery keys: LAN on, dialling on, no bootstrap nodes. */
    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(List.of(), true, DEFAULT_LAN_GROUP, DEFAULT_LAN_INTERVAL_MILLIS, false, true,
                DEFAULT_MAX_DIALLED, DEFAULT_PEX_INTERVAL_MILLIS);
    }

    /**
     * For nodes built in code (tests, the local test network, benchmarks): no multicast and no dialling, so their
     * links are exactly the configured ones; they still answer discovery requests.
     */
    public static DiscoveryConfig passive() {
        return new DiscoveryConfig(List.of(), false, DEFAULT_LAN_GROUP, DEFAULT_LAN_INTERVAL_MILLIS, false, false,
                DEFAULT_MAX_DIALLED, DEFAULT_PEX_INTERVAL_MILLIS);
    }

    /** A copy with other bootstrap nodes. */
    public DiscoveryConfig withBootstrap(List<BootstrapConfig> nodes) {
        return new DiscoveryConfig(nodes, lan, lanGroup, lanIntervalMillis, lanLoopback, dial, maxDialled,
                pexIntervalMillis);
    }

    /** A copy with LAN discovery switched on or off. */
    public DiscoveryConfig withLan(boolean on, boolean loopback) {
        return new DiscoveryConfig(bootstrap, on, lanGroup, lanIntervalMillis, loopback, dial, maxDialled,
                pexIntervalMillis);
    }

    /** A copy that dials discovered nodes (or not). */
    public DiscoveryConfig withDial(boolean on) {
        return new DiscoveryConfig(bootstrap, lan, lanGroup, lanIntervalMillis, lanLoopback, on, maxDialled,
                pexIntervalMillis);
    }

    /** A copy with another peer-exchange interval. */
    public DiscoveryConfig withPexIntervalMillis(long millis) {
        return new DiscoveryConfig(bootstrap, lan, lanGroup, lanIntervalMillis, lanLoopback, dial, maxDialled,
                millis);
    }
}
