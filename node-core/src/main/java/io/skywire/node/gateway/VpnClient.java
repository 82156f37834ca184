package io.skywire.node.gateway;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.QosClass;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteOptions;
import io.skywire.node.vpn.ClientNetwork;
import io.skywire.node.vpn.Ipv4Packet;
import io.skywire.node.vpn.Ipv4Subnet;
import io.skywire.node.vpn.MalformedPacketException;
import io.skywire.node.vpn.TunDevice;
import io.skywire.node.vpn.TunnelFrame;
import io.skywire.node.vpn.TunnelHello;
import io.skywire.node.vpn.TunnelReader;
import io.skywire.node.vpn.TunPump;
import io.skywire.node.vpn.VpnCounter;
import io.skywire.node.vpn.VpnCounters;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPN mode, the client's end (docs/PROTOCOL.md 9): every IPv4 packet the system routes into this node's TUN device
 * travels to the chosen gateway and back, for programs that know nothing of a proxy. The bulk lane is the same
 * tunnel the proxy uses (one route, or a route group over the candidate's disjoint paths); a second, real-time route
 * carries small packets (DNS, ACKs, pings, games) ahead of bulk traffic at every hop. While the tunnel is down the
 * routes still point into the TUN, where packets are dropped, and the kill switch ({@link ClientNetwork}) drops
 * whatever would leave another way; {@link #status()} says so, and the client reconnects every few seconds. Both
 * lanes are opened by the caller's {@link RouteOpener}, so on a paid network both carry the relays' prices and are
 * paid for as the proxy's routes are.
 */
public final class VpnClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VpnClient.class);
    private static final long SETUP_SECONDS = 15;
    private static final long RETRY_SECONDS = 3;
    /** The real-time lane's per-hop buffer: small, since it only carries small packets. */
    private static final int REALTIME_BUFFER = 256 << 10;
    /** The default: all of IPv4, as two halves so the original default route stays for the first hops. */
    public static final List<Ipv4Subnet> ALL_IPV4 = List.of(Ipv4Subnet.parse("0.0.0.0/1"),
            Ipv4Subnet.parse("128.0.0.0/1"));

    /**
     * How the client runs its tunnel.
     *
     * @param interfaceName its TUN interface
     * @param routes        what goes into the tunnel ({@link #ALL_IPV4} or chosen subnets)
     * @param firstHops     the addresses of this node's first hops, which stay outside the tunnel
     * @param killSwitch    whether nothing but the tunnel and the first hops may leave while the VPN is on
     * @param resolvConf    a resolv.conf to point at the gateway while up, or null to leave DNS alone
     * @param bulkMode      the bulk lane's forwarding mode: store-and-forward (the default), or cut-through, where
     *                      hops keep no per-hop buffer and the TCP inside resends lost packets end to end (lower
     *                      latency); the real-time lane and the proxies stay store-and-forward
     */
    public record Settings(String interfaceName, List<Ipv4Subnet> routes, List<InetAddress> firstHops,
                           boolean killSwitch, Path resolvConf, ForwardingMode bulkMode) {
        public Settings {
            routes = List.copyOf(routes);
            firstHops = List.copyOf(firstHops);
            java.util.Objects.requireNonNull(bulkMode, "bulkMode");
        }

        /** Settings with a store-and-forward bulk lane. */
        public Settings(String interfaceName, List<Ipv4Subnet> routes, List<InetAddress> firstHops,
                        boolean killSwitch, Path resolvConf) {
            this(interfaceName, routes, firstHops, killSwitch, resolvConf, ForwardingMode.STORE_AND_FORWARD);
        }
    }

    /** Where the tunnel is. */
    public enum State { CONNECTING, UP, DOWN, STOPPED }

    /**
     * What the user is told.
     *
     * @param state      where the tunnel is
     * @param detail     a sentence for the status line
     * @param address    this end's tunnel address, or empty before the first assignment
     * @param gateway    the gateway's tunnel address (the DNS resolver), or empty
     * @param killSwitch whether the kill switch is on
     * @param counters   packets and bytes each way, drops by reason
     */
    public record Status(State state, String detail, String address, String gateway, boolean killSwitch,
                         java.util.Map<VpnCounter, Long> counters) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NodeRuntime node;
    private final GatewayCandidate candidate;
    /** The caller's opener in the bulk lane's mode ({@link Settings#bulkMode()}). */
    private final RouteOpener opener;
    /** The caller's opener itself, which opens (and, when it pays, pays for) the real-time lane too. */
    private final RouteOpener realtimeOpener;
    private final Settings settings;
    private final TunDevice tun;
    private final ClientNetwork network;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ExecutorService setup = Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("skywire-vpn-setup", true));
    private final VpnCounters counters = new VpnCounters();
    private final TunnelHello.Session session = TunnelHello.Session.random(RANDOM);
    private final Thread reader;
    private volatile Lane bulk;
    private volatile Lane realtime;
    private volatile State state = State.CONNECTING;
    private volatile String detail = "connecting";
    private volatile int address;
    private volatile int gatewayAddress;
    private volatile boolean running = true;
    private Consumer<Status> listener = status -> { };

    private VpnClient(NodeRuntime node, GatewayCandidate candidate, RouteOpener opener, Settings settings,
                      TunDevice tun, ClientNetwork network) {
        this.node = node;
        this.candidate = candidate;
        this.opener = bulkOpener(opener, settings);
        this.realtimeOpener = opener;
        this.settings = settings;
        this.tun = tun;
        this.network = network;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("skywire-vpn", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.reader = new Thread(this::readTun, "skywire-vpn-tun");
        this.reader.setDaemon(true);
    }

    /**
     * Opens the TUN device, pins the first hops and the kill switch, and starts connecting to {@code candidate}.
     *
     * @throws IOException when the device or the kernel setup fails (no root or CAP_NET_ADMIN, no nft)
     */
    public static VpnClient start(NodeRuntime node, GatewayCandidate candidate, RouteOpener opener,
                                  Settings settings) throws IOException {
        TunDevice tun = TunDevice.open(settings.interfaceName());
        ClientNetwork network;
        try {
            network = ClientNetwork.prepare(tun.name(), settings.firstHops(), settings.killSwitch());
        } catch (IOException e) {
            tun.close();
            throw e;
        }
        VpnClient client = new VpnClient(node, candidate, opener, settings, tun, network);
        client.reader.start();
        client.loop.execute(client::connect);
        return client;
    }

    /** How the bulk lane's routes are opened: {@code opener} in the settings' bulk mode. */
    static RouteOpener bulkOpener(RouteOpener opener, Settings settings) {
        return opener.inMode(settings.bulkMode());
    }

    /** Who is told of every change of {@link #status()} (any thread). */
    public void onStatus(Consumer<Status> newListener) {
        listener = newListener;
        newListener.accept(status());
    }

    /** The tunnel's state for the status line. */
    public Status status() {
        return new Status(state, detail, address == 0 ? "" : Ipv4Packet.address(address).getHostAddress(),
                gatewayAddress == 0 ? "" : Ipv4Packet.address(gatewayAddress).getHostAddress(), network.killSwitch(),
                counters.snapshot());
    }

    /** Packets, bytes and drops so far. */
    public VpnCounters counters() {
        return counters;
    }

    /** The TUN interface's name. */
    public String interfaceName() {
        return tun.name();
    }

    private void set(State newState, String newDetail) {
        state = newState;
        detail = newDetail;
        LOG.info("VPN {}: {}", newState, newDetail);
        try {
            listener.accept(status());
        } catch (RuntimeException e) {
            LOG.warn("VPN status listener failed", e);
        }
    }

    private void connect() {
        if (!running) {
            return;
        }
        set(State.CONNECTING, "connecting to gateway " + candidate.gateway().fingerprint() + " over "
                + candidate.paths().size() + " path(s)");
        TunnelRoutes.open(node, opener, candidate, loop, SETUP_SECONDS).whenCompleteAsync((opened, error) -> {
            if (error != null) {
                down("gateway unreachable: " + rootMessage(error));
                return;
            }
            if (!running) {
                opened.pipe().close();
                return;
            }
            Lane lane = new Lane(opened.pipe(), TunnelHello.LANE_BULK);
            bulk = lane;
            lane.start();
        }, loop);
    }

    /** The real-time lane's options: QoS real-time, store-and-forward, small buffers; the opener adds any prices. */
    static RouteOptions realtimeOptions() {
        return new RouteOptions(QosClass.REAL_TIME, ForwardingMode.STORE_AND_FORWARD, REALTIME_BUFFER);
    }

    private void openRealtime() {
        realtimeOpener.open(node, candidate.path(), realtimeOptions()).orTimeout(SETUP_SECONDS, TimeUnit.SECONDS)
                .whenCompleteAsync((route, error) -> {
                    if (error != null) {
                        LOG.info("no real-time lane ({}); small packets go in the bulk lane", rootMessage(error));
                        return;
                    }
                    if (!running || state != State.UP) {
                        route.close();
                        return;
                    }
                    Lane lane = new Lane(TunnelPipe.of(route), TunnelHello.LANE_REALTIME);
                    realtime = lane;
                    lane.start();
                }, loop);
    }

    private void assigned(TunnelFrame.Assign assign) {
        setup.execute(() -> {
            try {
                network.configure(assign.clientAddress(), assign.prefix(), assign.gatewayAddress(), assign.mtu(),
                        settings.routes(), settings.resolvConf());
            } catch (IOException e) {
                LOG.warn("could not configure {}: {}", tun.name(), e.getMessage());
                loop.execute(() -> {
                    Lane lane = bulk;
                    if (lane != null) {
                        lane.pipe.close();
                    }
                });
                return;
            }
            address = assign.clientAddress();
            gatewayAddress = assign.gatewayAddress();
            counters.increment(VpnCounter.SESSIONS);
            loop.execute(() -> {
                set(State.UP, "connected to gateway " + candidate.gateway().fingerprint() + " as "
                        + Ipv4Packet.address(assign.clientAddress()).getHostAddress() + "; all of "
                        + settings.routes() + " goes through it");
                openRealtime();
            });
        });
    }

    private void down(String why) {
        if (!running) {
            return;
        }
        Lane lane = realtime;
        realtime = null;
        if (lane != null) {
            lane.pipe.close();
        }
        bulk = null;
        set(State.DOWN, "tunnel down (" + why + "); " + (network.killSwitch()
                ? "kill switch on: nothing leaves except to the first hops" : "kill switch off")
                + "; retrying in " + RETRY_SECONDS + " s");
        loop.schedule(this::connect, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void readTun() {
        TunPump.run(tun, () -> running, counters, new LaneBatches(counters) {
            @Override
            Choice laneFor(int length, Ipv4Packet header) {
                Lane bulkLane = bulk;
                if (state != State.UP || bulkLane == null) {
                    counters.increment(VpnCounter.DROPPED_TUNNEL_DOWN);
                    return null;
                }
                Lane realtimeLane = realtime;
                boolean small = length <= VpnExit.SMALL_PACKET && realtimeLane != null;
                return new Choice(small ? realtimeLane.sender : bulkLane.sender, small);
            }
        });
    }

    /** Stops: closes the tunnel, removes routes, kill switch and DNS setting, and the TUN device. */
    @Override
    public void close() {
        running = false;
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Lane b = bulk;
        Lane r = realtime;
        if (b != null) {
            b.pipe.close();
        }
        if (r != null) {
            r.pipe.close();
        }
        setup.shutdown();
        try {
            setup.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tun.close();
        network.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        state = State.STOPPED;
        detail = "VPN off";
        LOG.info("VPN off: {}", counters);
    }

    /** One lane: its pipe and reader, on the VPN loop. */
    private final class Lane {
        final TunnelPipe pipe;
        final int kind;
        final TunnelReader frames = new TunnelReader();
        final LaneSender sender;

        Lane(TunnelPipe pipe, int kind) {
            this.pipe = pipe;
            this.kind = kind;
            this.sender = new LaneSender(pipe);
        }

        void start() {
            pipe.send(new TunnelHello(kind, session).encode());
            pipe.onReceive(bytes -> loop.execute(() -> receive(bytes)));
            pipe.ended().whenCompleteAsync((reason, error) -> ended(String.valueOf(reason)), loop);
        }

        private void ended(String reason) {
            if (kind == TunnelHello.LANE_BULK && bulk == this) {
                down("route ended: " + reason);
            } else if (realtime == this) {
                realtime = null;
                LOG.info("real-time lane ended ({}); small packets go in the bulk lane", reason);
            }
        }

        private void receive(byte[] bytes) {
            List<TunnelFrame> received;
            try {
                received = frames.read(bytes);
            } catch (MalformedPacketException e) {
                counters.increment(VpnCounter.LANES_MALFORMED);
                LOG.warn("closing the gateway's {}: {}", pipe.label(), e.getMessage());
                pipe.close();
                return;
            }
            for (TunnelFrame frame : received) {
                if (frame instanceof TunnelFrame.Packet packet) {
                    packet(packet);
                } else if (frame instanceof TunnelFrame.Assign assign && kind == TunnelHello.LANE_BULK) {
                    assigned(assign);
                } else if (frame instanceof TunnelFrame.Refused refused) {
                    counters.increment(VpnCounter.LANES_REFUSED);
                    LOG.warn("the gateway refused the {} lane: {}", kind == TunnelHello.LANE_BULK ? "bulk"
                            : "real-time", refused.reason());
                    pipe.close();
                    return;
                } else {
                    counters.increment(VpnCounter.LANES_MALFORMED);
                    pipe.close();
                    return;
                }
            }
        }

        private void packet(TunnelFrame.Packet packet) {
            if (packet.header().destination() != address) {
                counters.increment(VpnCounter.DROPPED_SPOOFED);
                return;
            }
            try {
                tun.write(packet.bytes());
                counters.increment(VpnCounter.PACKETS_RECEIVED);
                counters.add(VpnCounter.BYTES_RECEIVED, packet.bytes().length);
            } catch (IOException e) {
                LOG.debug("TUN write failed: {}", e.getMessage());
            }
        }
    }
}
