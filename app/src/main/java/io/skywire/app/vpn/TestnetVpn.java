package io.skywire.app.vpn;

import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.GatewayCandidate;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.gateway.VpnClient;
import io.skywire.node.gateway.VpnExit;
import io.skywire.node.identity.NodeId;
import io.skywire.node.vpn.Ipv4Packet;
import io.skywire.node.vpn.Ipv4Subnet;
import io.skywire.node.vpn.NetCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VPN on the local test network ({@code skywire testnet --vpn}): every gateway runs the IP-tunnel exit on a TUN
 * device of its own, and the test network's client runs the VPN through the proxy's {@link RouteOpener} (on the paid
 * network the paying client, so both lanes are paid like the proxy's routes).
 *
 * <p>All of the test network's nodes share this machine's network stack, so the client's tunnel routes would catch
 * the gateways' own exit traffic: a tunnel for all of IPv4 (or any subnet wider than a /8, or one touching loopback,
 * where the nodes' links are, or the tunnel subnets) is refused ({@link #refusal}); only chosen subnets go in. For
 * those, three small pieces keep the two roles apart, each of its own and removed on {@link #close()}: a policy rule
 * per gateway TUN ({@code iif swtgN lookup 5357}) whose table routes the chosen subnets as they were routed before
 * the tunnel came up (so what a gateway sends on leaves the usual way, not back into the client's TUN); an nftables
 * table ({@code ip skywire_testnet_vpn}) that keeps the client's tunnel packets out of connection tracking (else the
 * gateway's pass of the same packet would find the client's entry and leave without its NAT); and
 * {@code accept_local} on the gateway TUNs (the client's tunnel address is local here). Replies addressed to the
 * client's tunnel address are local, so the kernel delivers them straight to the client unless something routes them
 * through the gateway's TUN first (the namespace test does, by rules ahead of the local table); on a shared machine
 * only the client-to-gateway direction then crosses the paid routes.
 */
public final class TestnetVpn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestnetVpn.class);
    /** The client's TUN interface (not the CLI's swvpn0 or the app's swgui0). */
    public static final String CLIENT_INTERFACE = "swtn0";
    /** The routing table and rule preference of the gateways' exit routes ("SW"). */
    static final int TABLE = 0x5357;
    /** Every gateway's tunnel subnet is a /24 in here (10.98.N.0/24 for gateway N). */
    static final Ipv4Subnet TUNNEL_SUBNETS = Ipv4Subnet.parse("10.98.0.0/16");
    private static final Ipv4Subnet LOOPBACK = Ipv4Subnet.parse("127.0.0.0/8");
    private static final int WIDEST_PREFIX = 8;
    private static final int MTU = 1400;
    static final String NFT_TABLE = "skywire_testnet_vpn";
    private static final Pattern DEV = Pattern.compile("\\bdev (\\S+)");
    private static final Pattern VIA = Pattern.compile("\\bvia (\\S+)");

    /** One gateway's tunnel exit: its node, interface and per-client meters. */
    public record Gateway(NodeId node, String interfaceName, ExitService exit, VpnExit vpn) {
    }

    private final List<Gateway> gateways = new ArrayList<>();
    private final List<String> rules = new ArrayList<>();
    private boolean routesInTable;
    private boolean nftTable;
    private VpnClient client;

    private TestnetVpn() {
    }

    /** The gateway {@code index}'s TUN interface. */
    static String gatewayInterface(int index) {
        return "swtg" + index;
    }

    /** The gateway {@code index}'s tunnel subnet. */
    static Ipv4Subnet gatewaySubnet(int index) {
        return new Ipv4Subnet(TUNNEL_SUBNETS.host(index << 8), 24);
    }

    /**
     * Why {@code routes} cannot be tunnelled on the test network, or null when they can: none given (all of IPv4),
     * wider than a /8, overlapping loopback (the nodes' own links) or the tunnel subnets.
     */
    public static String refusal(List<Ipv4Subnet> routes) {
        if (routes.isEmpty()) {
            return "the test network's nodes all run on this machine's network, so a tunnel for all of IPv4 would "
                    + "carry the gateways' own exit traffic back into it: name the subnets to tunnel with --vpn-route";
        }
        for (Ipv4Subnet route : routes) {
            if (route.prefix() < WIDEST_PREFIX) {
                return route + " is wider than a /" + WIDEST_PREFIX + ": on the test network only chosen subnets go "
                        + "into the tunnel (the gateways' exit traffic shares this machine's routes)";
            }
            if (overlaps(route, LOOPBACK)) {
                return route + " overlaps loopback, where the test network's links run: they must stay outside the "
                        + "tunnel";
            }
            if (overlaps(route, TUNNEL_SUBNETS)) {
                return route + " overlaps the tunnel addresses " + TUNNEL_SUBNETS;
            }
        }
        return null;
    }

    private static boolean overlaps(Ipv4Subnet a, Ipv4Subnet b) {
        return a.contains(b.network()) || b.contains(a.network());
    }

    /**
     * Starts the tunnel exit on every gateway of {@code network} and the VPN on its client through the proxy's current
     * gateway (else the cheapest), its lanes opened by {@code opener}.
     *
     * @throws IllegalArgumentException with {@link #refusal} when the routes cannot be tunnelled here
     * @throws IOException              when a TUN device or the kernel setup fails (no root or CAP_NET_ADMIN, no nft)
     */
    public static TestnetVpn start(LocalTestNetwork network, RouteOpener opener, List<Ipv4Subnet> routes)
            throws IOException {
        String refused = refusal(routes);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        VpnLauncher.requireTun();
        TestnetVpn vpn = new TestnetVpn();
        try {
            List<String[]> exitRoutes = new ArrayList<>();
            for (Ipv4Subnet route : routes) {
                exitRoutes.add(routeOutside(route));
            }
            List<GatewayCandidate> candidates = network.gateways();
            for (int g = 0; g < candidates.size(); g++) {
                vpn.startExit(network.exit(g), candidates.get(g).gateway(), g, routes);
            }
            for (String[] route : exitRoutes) {
                NetCommands.ip(route);
                vpn.routesInTable = true;
            }
            NetCommands.nft(notrackScript());
            vpn.nftTable = true;
            GatewayCandidate candidate = chosen(network);
            vpn.client = VpnLauncher.start(network.client(), candidate, opener, new VpnClient.Settings(
                    CLIENT_INTERFACE, routes, List.of(), false, null));
            LOG.info("VPN on the test network: {} through gateway {} (kill switch off: it would drop the gateways' "
                    + "own exit traffic on this machine)", routes, candidate.gateway().fingerprint());
            return vpn;
        } catch (IOException | RuntimeException e) {
            vpn.close();
            throw e;
        }
    }

    private void startExit(ExitService exit, NodeId node, int index, List<Ipv4Subnet> routes) throws IOException {
        String name = gatewayInterface(index);
        VpnExit vpn = VpnExit.start(exit, new VpnExit.Settings(name, gatewaySubnet(index), MTU, routes, null));
        gateways.add(new Gateway(node, name, exit, vpn));
        // The client's tunnel address is local on this machine: packets from it arriving on the gateway's TUN must
        // not be dropped as martians, nor by a reverse-path check that finds the address local.
        writeSysctl(name, "accept_local", "1");
        writeSysctl(name, "rp_filter", "0");
        String pref = Integer.toString(TABLE);
        NetCommands.ip("rule", "add", "pref", pref, "iif", name, "lookup", pref);
        rules.add(name);
    }

    private static void writeSysctl(String interfaceName, String key, String value) throws IOException {
        Files.writeString(Path.of("/proc/sys/net/ipv4/conf", interfaceName, key), value + "\n",
                StandardCharsets.US_ASCII);
    }

    /** The {@code ip route} arguments that route {@code subnet} in the exit table as it is routed now. */
    private static String[] routeOutside(Ipv4Subnet subnet) throws IOException {
        String first = Ipv4Packet.address(subnet.network()).getHostAddress();
        String now;
        try {
            now = NetCommands.ip("-4", "route", "get", first);
        } catch (IOException e) {
            throw new IOException("no route to " + subnet + " outside the tunnel, so the gateways' exit traffic "
                    + "would have nowhere to go: " + e.getMessage(), e);
        }
        Matcher dev = DEV.matcher(now);
        if (!dev.find() || dev.group(1).equals("lo")) {
            throw new IOException(subnet + " is not reached through an interface here (" + now.strip() + ")");
        }
        List<String> args = new ArrayList<>(List.of("route", "replace", subnet.toString()));
        Matcher via = VIA.matcher(now);
        if (via.find()) {
            args.addAll(List.of("via", via.group(1)));
        }
        args.addAll(List.of("dev", dev.group(1), "table", Integer.toString(TABLE)));
        return args.toArray(String[]::new);
    }

    /** Keeps the client's own tunnel packets out of connection tracking (both directions). */
    static String notrackScript() {
        return "table ip " + NFT_TABLE + " {}\n"
                + "delete table ip " + NFT_TABLE + "\n"
                + "table ip " + NFT_TABLE + " {\n"
                + "  chain output {\n"
                + "    type filter hook output priority raw; policy accept;\n"
                + "    oifname \"" + CLIENT_INTERFACE + "\" notrack\n"
                + "  }\n"
                + "  chain prerouting {\n"
                + "    type filter hook prerouting priority raw; policy accept;\n"
                + "    iifname \"" + CLIENT_INTERFACE + "\" notrack\n"
                + "  }\n"
                + "}\n";
    }

    private static GatewayCandidate chosen(LocalTestNetwork network) {
        List<GatewayCandidate> candidates = network.gateways();
        GatewayCandidate inUse = network.proxy().status().gateway();
        if (inUse != null) {
            return inUse;
        }
        return candidates.stream().min(Comparator.comparingLong(GatewayCandidate::expectedCostPerGbDroplets))
                .orElseThrow();
    }

    /** The client's VPN. */
    public VpnClient client() {
        return client;
    }

    /** Every gateway's tunnel exit, in the network's order. */
    public List<Gateway> gateways() {
        return List.copyOf(gateways);
    }

    /** Takes the VPN down, then the exits, rules, routes and the nftables table; safe after a failed start. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        for (Gateway gateway : gateways) {
            gateway.vpn().close();
        }
        gateways.clear();
        for (String name : rules) {
            NetCommands.runQuietly("ip", "rule", "del", "pref", Integer.toString(TABLE), "iif", name);
        }
        rules.clear();
        if (routesInTable) {
            NetCommands.runQuietly("ip", "route", "flush", "table", Integer.toString(TABLE));
            routesInTable = false;
        }
        if (nftTable) {
            NetCommands.runQuietly("nft", "delete", "table", "ip", NFT_TABLE);
            nftTable = false;
        }
    }
}
