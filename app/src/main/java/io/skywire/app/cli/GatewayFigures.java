package io.skywire.app.cli;

import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.VpnExit;
import io.skywire.node.identity.NodeId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's figures as lines a user reads and a test parses: the proxy exit's counts beside the VPN's, then one
 * line per VPN client with the bytes it is metered for (what it would be charged for), so the two ways out of a
 * gateway are shown side by side:
 * {@code GATEWAY <fingerprint> exit {SINGLE_ROUTES=.., ...} vpn {SESSIONS=.., ...}} and
 * {@code VPNCLIENT <fingerprint> <tunnel address> <bytes from client> <bytes to client>}. {@link #printChanges}
 * prints them whenever they changed ({@code skywire testnet --vpn}, {@code skywire vpn gateway}).
 */
final class GatewayFigures implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayFigures.class);

    private final Supplier<List<String>> figures;
    private final PrintWriter out;
    private List<String> printed = List.of();

    private GatewayFigures(Supplier<List<String>> figures, PrintWriter out) {
        this.figures = figures;
        this.out = out;
    }

    /** A task that prints {@code figures} to {@code out} when they differ from what it printed last (one thread). */
    static Runnable printChanges(Supplier<List<String>> figures, PrintWriter out) {
        return new GatewayFigures(figures, out);
    }

    /** Prints the figures if they changed; a failure is logged and the next run tries again. */
    @Override
    public void run() {
        try {
            List<String> lines = figures.get();
            if (lines.equals(printed)) {
                return;
            }
            printed = List.copyOf(lines);
            synchronized (out) {
                lines.forEach(out::println);
                out.flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("gateway figures not printed: {}", e.toString());
        }
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
