package io.skywire.app.cli;

import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.VpnExit;
import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway's figures as lines a user reads and a test parses: the proxy exit's counts beside the VPN's, then one
 * line per VPN client with the bytes it is metered for (what it would be charged for), so the two ways out of a
 * gateway are shown side by side:
 * {@code GATEWAY <fingerprint> exit {SINGLE_ROUTES=.., ...} vpn {SESSIONS=.., ...}} and
 * {@code VPNCLIENT <fingerprint> <tunnel address> <bytes from client> <bytes to client>}.
 */
final class GatewayFigures {

    private GatewayFigures() {
    }

    /** The lines for gateway {@code node}: its exit's counts, its VPN exit's (null: none) and each VPN client's. */
    static List<String> lines(NodeId node, ExitService exit, VpnExit vpn) {
        List<String> lines = new ArrayList<>();
        String fingerprint = node.fingerprint();
        lines.add("GATEWAY " + fingerprint + " exit " + exit.counters().snapshot()
                + (vpn == null ? "" : " vpn " + vpn.counters().snapshot()));
        if (vpn != null) {
            for (VpnExit.ClientUsage client : vpn.clients()) {
                lines.add(client(fingerprint, client));
            }
        }
        return lines;
    }

    static String client(String gateway, VpnExit.ClientUsage client) {
        return "VPNCLIENT " + gateway + " " + client.address() + " " + client.bytesFromClient() + " "
                + client.bytesToClient();
    }
}
