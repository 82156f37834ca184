package io.skywire.node.vpn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's kernel side of the IP tunnel: its TUN interface's address, IPv4 forwarding, and an nftables table
 * of its own ({@code ip skywire_vpn_<interface>}) that masquerades the tunnel subnet behind the gateway's outgoing
 * address and keeps clients from reaching each other. Removing the table removes every rule this node added and
 * nothing else.
 */
public final class GatewayNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayNetwork.class);
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

    private final String table;
    private final String previousForwarding;

    private GatewayNetwork(String table, String previousForwarding) {
        this.table = table;
        this.previousForwarding = previousForwarding;
    }

    /** The table's name for a TUN interface. */
    public static String tableName(String interfaceName) {
        return "skywire_vpn_" + interfaceName.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The nft script that creates the table (deleting an older one of the same name first). */
    static String script(String table, String interfaceName, Ipv4Subnet subnet) {
        return "table ip " + table + " {}\n"
                + "delete table ip " + table + "\n"
                + "table ip " + table + " {\n"
                + "  chain postrouting {\n"
                + "    type nat hook postrouting priority srcnat; policy accept;\n"
                + "    ip saddr " + subnet + " oifname != \"" + interfaceName + "\" counter masquerade\n"
                + "  }\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority filter; policy accept;\n"
                + "    iifname \"" + interfaceName + "\" oifname \"" + interfaceName + "\" counter drop\n"
                + "  }\n"
                + "}\n";
    }

    /** Gives the TUN interface the gateway's tunnel address, turns forwarding on and installs the NAT table. */
    public static GatewayNetwork up(String interfaceName, AddressPool pool, int mtu) throws IOException {
        Ipv4Subnet subnet = pool.subnet();
        NetCommands.ip("addr", "replace", Ipv4Packet.address(pool.gatewayAddress()).getHostAddress() + "/"
                + subnet.prefix(), "dev", interfaceName);
        NetCommands.ip("link", "set", "dev", interfaceName, "mtu", Integer.toString(mtu), "up");
        String previous = Files.readString(IP_FORWARD, StandardCharsets.US_ASCII).strip();
        Files.writeString(IP_FORWARD, "1\n", StandardCharsets.US_ASCII);
        String table = tableName(interfaceName);
        try {
            NetCommands.nft(script(table, interfaceName, subnet));
        } catch (IOException e) {
            Files.writeString(IP_FORWARD, previous + "\n", StandardCharsets.US_ASCII);
            throw e;
        }
        LOG.info("gateway tunnel {}: {} masqueraded (nft table ip {})", interfaceName, subnet, table);
        return new GatewayNetwork(table, previous);
    }

    /** Removes the table and puts forwarding back as it was. */
    @Override
    public void close() {
        NetCommands.runQuietly("nft", "delete", "table", "ip", table);
        try {
            Files.writeString(IP_FORWARD, previousForwarding + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.warn("could not restore {}: {}", IP_FORWARD, e.getMessage());
        }
    }
}
