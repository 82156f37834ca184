package io.skywire.app.cli;

import io.skywire.app.vpn.VpnLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code skywire vpn}: system-wide IPv4 through a gateway (docs/PROTOCOL.md 9; Linux, root or CAP_NET_ADMIN). */
@Command(name = "vpn", mixinStandardHelpOptions = true,
        description = {"VPN mode: all IPv4 traffic (or chosen subnets) through a gateway, for every program.",
            "Needs root or CAP_NET_ADMIN (a TUN device, routes, nftables); without them use the SOCKS proxy."},
        subcommands = {VpnUpCommand.class, VpnDownCommand.class, VpnStatusCommand.class, VpnGatewayCommand.class})
final class VpnCommand implements Runnable {

    /** What a user without the privilege is told, and offered instead. */
    static final String NEEDS_PRIVILEGE = VpnLauncher.NEEDS_PRIVILEGE;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
