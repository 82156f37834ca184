package io.skywire.app.vpn;

import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.gateway.VpnClient;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.vpn.TunDevice;
import java.io.IOException;

/**
 * Starting the VPN client the one way both {@code skywire vpn up} and the desktop app's VPN switch do it: the TUN
 * check first, then {@link VpnClient#start}, with a failure that tells a user without the privilege what to use
 * instead; and the status line both show.
 */
public final class VpnLauncher {

    /** What a user without the privilege is told, and offered instead. */
    public static final String NEEDS_PRIVILEGE = "VPN mode needs root or CAP_NET_ADMIN to create a TUN device and set "
            + "routes (run 'sudo skywire vpn up ...'); without them use the SOCKS mode: programs configured with the "
            + "SOCKS5 proxy go through the gateway (docs/ARCHITECTURE.md, streams and proxies)";

    private VpnLauncher() {
    }

    /**
     * Fails before anything is started when this system has no TUN device.
     *
     * @throws IOException saying so, with {@link #NEEDS_PRIVILEGE}
     */
    public static void requireTun() throws IOException {
        if (!TunDevice.supported()) {
            throw new IOException("no /dev/net/tun here: " + NEEDS_PRIVILEGE);
        }
    }

    /**
     * Opens the TUN device, pins the first hops and the kill switch, and starts connecting {@code node} to
     * {@code candidate}.
     *
     * @throws IOException with the reason and {@link #NEEDS_PRIVILEGE} when the device or the kernel setup fails
     */
    public static VpnClient start(NodeRuntime node, GatewayCandidate candidate, RouteOpener opener,
                                  VpnClient.Settings settings) throws IOException {
        requireTun();
        try {
            return VpnClient.start(node, candidate, opener, settings);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; " + NEEDS_PRIVILEGE, e);
        }
    }

    /** {@code vpn STATE: detail}: the status line of the CLI and of the app's VPN switch. */
    public static String statusLine(VpnClient.Status status) {
        return "vpn " + status.state() + ": " + status.detail();
    }
}
