package io.skywire.app.cli;

import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxySettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The local test network's size and its proxies' ports, shared by {@code testnet} and {@code gui}. */
final class TestNetworkOptions {

    @Option(names = "--nodes", defaultValue = "8", description = "All nodes: client, relays (two chains) and gateways; at least gateways + 5 (default 8).")
    int nodes;

    @Option(names = "--gateways", defaultValue = "3", description = "Gateways (default 3).")
    int gateways;

    @Option(names = "--socks-port", defaultValue = "1080", description = "SOCKS5 port on 127.0.0.1; 0 picks one (default 1080).")
    int socksPort;

    @Option(names = "--http-port", defaultValue = "8118", description = "HTTP CONNECT port on 127.0.0.1; 0 picks one (default 8118).")
    int httpPort;

    /** Refuses a network too small for two disjoint routes to each gateway, or a port out of range (exit code 2). */
    void validate(CommandLine commandLine) {
        if (gateways < 1 || nodes < LocalTestNetwork.minimumNodes(gateways)) {
            throw new ParameterException(commandLine, "need --gateways >= 1 and --nodes >= gateways + 5 "
                    + "(a client and two chains of at least two relays, so each gateway has two disjoint routes of "
                    + "3 hops or more)");
        }
        for (int port : new int[] {socksPort, httpPort}) {
            if (port < 0 || port > 65_535) {
                throw new ParameterException(commandLine, "ports must be in 0..65535");
            }
        }
    }

    /** Both proxies on loopback at the chosen ports. */
    ProxySettings proxySettings() {
        return ProxySettings.loopback(socksPort, httpPort);
    }
}
