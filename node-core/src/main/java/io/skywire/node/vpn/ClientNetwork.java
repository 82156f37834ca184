package io.skywire.node.vpn;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's kernel side of the IP tunnel. Before anything goes into the tunnel: a host route to each first hop
 * over the path it has now (so the node's own link traffic never enters its own tunnel: no loop), and the kill
 * switch, an nftables table of its own ({@code inet skywire_vpn_<interface>}) whose output chain lets out only
 * loopback, the tunnel and the first hops, dropping and counting everything else (IPv6 included), whether the
 * tunnel is up or not. Once the gateway assigned an address: the TUN's address, routes for the chosen subnets into
 * it, and optionally a resolv.conf naming the gateway. {@link #close()} undoes each step that was done.
 */
public final class ClientNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientNetwork.class);
    private static final Pattern VIA = Pattern.compile("\\bvia (\\S+)");
    private static final Pattern DEV = Pattern.compile("\\bdev (\\S+)");
    /** The name of the kill switch's counter of dropped packets. */
    public static final String BLOCKED_COUNTER = "blocked";

    private final String interfaceName;
    private final List<String> hostRoutes = new ArrayList<>();
    private String killSwitchTable;
    private Path resolvConf;
    private byte[] previousResolvConf;
    private String address;

    private ClientNetwork(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** The kill switch's table name for a TUN interface. */
    public static String tableName(String interfaceName) {
        return "skywire_vpn_" + interfaceName.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The nft script of the kill switch (deleting an older table of the same name first). */
    static String killSwitchScript(String table, String interfaceName, List<InetAddress> firstHops) {
        StringBuilder script = new StringBuilder()
                .append("table inet ").append(table).append(" {}\n")
                .append("delete table inet ").append(table).append('\n')
                .append("table inet ").append(table).append(" {\n")
                .append("  counter ").append(BLOCKED_COUNTER).append(" {}\n")
                .append("  chain output {\n")
                .append("    type filter hook output priority filter; policy accept;\n")
                .append("    oifname \"lo\" accept\n")
                .append("    oifname \"").append(interfaceName).append("\" accept\n");
        if (!firstHops.isEmpty()) {
            script.append("    ip daddr { ").append(firstHops.stream().map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", "))).append(" } accept\n");
        }
        return script.append("    counter name ").append(BLOCKED_COUNTER).append(" drop\n")
                .append("  }\n}\n").toString();
    }

    /**
     * Pins a host route to each first hop and, with {@code killSwitch}, installs the kill switch.
     *
     * @throws IOException when a command fails; what was done is undone
     */
    public static ClientNetwork prepare(String interfaceName, List<InetAddress> firstHops, boolean killSwitch)
            throws IOException {
        ClientNetwork network = new ClientNetwork(interfaceName);
        try {
            for (InetAddress hop : firstHops) {
                network.pinHostRoute(hop);
            }
            if (killSwitch) {
                String table = tableName(interfaceName);
                NetCommands.nft(killSwitchScript(table, interfaceName, firstHops));
                network.killSwitchTable = table;
                LOG.info("kill switch on (nft table inet {}): only {} and the first hops {} are let out", table,
                        interfaceName, firstHops);
            }
            return network;
        } catch (IOException e) {
            network.close();
            throw e;
        }
    }

    private void pinHostRoute(InetAddress hop) throws IOException {
        String host = hop.getHostAddress();
        String route = NetCommands.ip("-4", "route", "get", host);
        Matcher dev = DEV.matcher(route);
        if (!dev.find()) {
            throw new IOException("no route to the first hop " + host + ": " + route.strip());
        }
        if (dev.group(1).equals("lo")) {
            return; // a first hop on this host: loopback is never tunnelled
        }
        List<String> command = new ArrayList<>(List.of("route", "replace", host + "/32"));
        Matcher via = VIA.matcher(route);
        if (via.find()) {
            command.addAll(List.of("via", via.group(1)));
        }
        command.addAll(List.of("dev", dev.group(1)));
        NetCommands.ip(command.toArray(String[]::new));
        hostRoutes.add(host + "/32");
    }

    /**
     * Gives the TUN interface its address, routes {@code subnets} into it and, when {@code resolvConf} is set,
     * names the gateway as the only resolver there (the old content comes back on close). Called again after a
     * reconnect gave another address.
     */
    public void configure(int clientAddress, int prefix, int gatewayAddress, int mtu, List<Ipv4Subnet> subnets,
                          Path resolvConf) throws IOException {
        String next = Ipv4Packet.address(clientAddress).getHostAddress() + "/" + prefix;
        if (!next.equals(address)) {
            NetCommands.ip("addr", "flush", "dev", interfaceName);
            NetCommands.ip("addr", "add", next, "dev", interfaceName);
            address = next;
        }
        NetCommands.ip("link", "set", "dev", interfaceName, "mtu", Integer.toString(mtu), "up");
        for (Ipv4Subnet subnet : subnets) {
            NetCommands.ip("route", "replace", subnet.toString(), "dev", interfaceName);
        }
        if (resolvConf != null) {
            if (this.resolvConf == null) {
                previousResolvConf = Files.exists(resolvConf) ? Files.readAllBytes(resolvConf) : null;
                this.resolvConf = resolvConf;
            }
            // Written in place, not replaced: /etc/resolv.conf may be a bind mount (ip netns exec).
            Files.writeString(resolvConf, "# written by skywire vpn; restored on 'skywire vpn down'\nnameserver "
                    + Ipv4Packet.address(gatewayAddress).getHostAddress() + "\n");
        }
    }

    /** Whether the kill switch is installed. */
    public boolean killSwitch() {
        return killSwitchTable != null;
    }

    /** Undoes every step done: resolv.conf, the kill switch, the host routes (the TUN's own go with it). */
    @Override
    public void close() {
        if (resolvConf != null) {
            try {
                if (previousResolvConf != null) {
                    Files.write(resolvConf, previousResolvConf);
                } else {
                    Files.deleteIfExists(resolvConf);
                }
            } catch (IOException e) {
                LOG.warn("could not restore {}: {}", resolvConf, e.getMessage());
            }
            resolvConf = null;
        }
        if (killSwitchTable != null) {
            NetCommands.runQuietly("nft", "delete", "table", "inet", killSwitchTable);
            killSwitchTable = null;
        }
        for (String route : hostRoutes) {
            NetCommands.runQuietly("ip", "route", "del", route);
        }
        hostRoutes.clear();
    }
}
