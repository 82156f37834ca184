package io.skywire.node.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Which destinations a gateway connects to: the allowed port ranges, and whether non-public addresses (see
 * {@link DestinationFilter}) are allowed too, which only the local test network turns on.
 *
 * @param allowedPorts             inclusive port ranges
 * @param allowPrivateDestinations true only for a test network on one machine
 * @param onlyDestination          when not null, the one address and port this exit connects to, whatever else is
 *                                 allowed: a service such as the escrow offers its own local endpoint over routes
 *                                 this way and nothing else
 */
public record ExitPolicy(List<PortRange> allowedPorts, boolean allowPrivateDestinations,
                         InetSocketAddress onlyDestination) {

    /** An inclusive range of TCP ports. */
    public record PortRange(int from, int to) {
        public PortRange {
            if (from < 1 || to > 65_535 || from > to) {
                throw new IllegalArgumentException("port range must lie in 1..65535, was " + from + ".." + to);
            }
        }
    }

    public ExitPolicy {
        allowedPorts = List.copyOf(allowedPorts);
        if (onlyDestination != null && onlyDestination.isUnresolved()) {
            throw new IllegalArgumentException("the only destination must be a resolved address");
        }
    }

    /** A policy for any destination the ports and address rules allow. */
    public ExitPolicy(List<PortRange> allowedPorts, boolean allowPrivateDestinations) {
        this(allowedPorts, allowPrivateDestinations, null);
    }

    /** Connects to {@code destination} only (a local service reached over routes), refusing everything else. */
    public static ExitPolicy onlyTo(InetSocketAddress destination) {
        return new ExitPolicy(List.of(new PortRange(destination.getPort(), destination.getPort())), true, destination);
    }

    /** Every port, public destinations only: the default. */
    public static ExitPolicy publicOnly() {
        return new ExitPolicy(List.of(new PortRange(1, 65_535)), false);
    }

    /** A copy that also allows loopback and private destinations (local test network only). */
    public ExitPolicy allowingPrivateDestinations() {
        return new ExitPolicy(allowedPorts, true, onlyDestination);
    }

    /** Whether the port is allowed. */
    public boolean allowsPort(int port) {
        for (PortRange range : allowedPorts) {
            if (port >= range.from() && port <= range.to()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a resolved address is allowed. */
    public boolean allowsAddress(InetAddress address) {
        if (onlyDestination != null) {
            return onlyDestination.getAddress().equals(address);
        }
        return allowPrivateDestinations || DestinationFilter.isPublic(address);
    }
}
