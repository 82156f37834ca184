package io.skywire.node.gateway;

import io.skywire.node.vpn.Ipv4Packet;
import io.skywire.node.vpn.Ipv4Subnet;
import java.util.List;

/**
 * Which of a VPN client's packets the gateway lets out: the SOCKS exit's {@link ExitPolicy} (public destinations and
 * allowed ports only, unless the operator says otherwise), the operator's explicitly allowed subnets, DNS and ping
 * to the gateway's own tunnel address, and nothing to other clients.
 *
 * @param exit           the same policy the SOCKS exit applies
 * @param tunnel         the tunnel's subnet
 * @param gatewayAddress the gateway's tunnel address
 * @param dns            whether the gateway answers DNS on its tunnel address
 * @param allowed        destinations allowed although the exit policy would refuse their address
 */
record TunnelPolicy(ExitPolicy exit, Ipv4Subnet tunnel, int gatewayAddress, boolean dns, List<Ipv4Subnet> allowed) {

    TunnelPolicy {
        allowed = List.copyOf(allowed);
    }

    boolean allows(Ipv4Packet header) {
        int destination = header.destination();
        if (destination == gatewayAddress) {
            return header.protocol() == Ipv4Packet.PROTOCOL_ICMP || dns && header.destinationPort() == 53;
        }
        if (tunnel.contains(destination)) {
            return false;
        }
        if (header.destinationPort() >= 0 && !exit.allowsPort(header.destinationPort())) {
            return false;
        }
        for (Ipv4Subnet subnet : allowed) {
            if (subnet.contains(destination)) {
                return true;
            }
        }
        return exit.onlyDestination() == null && exit.allowsAddress(header.destinationAddress());
    }
}
