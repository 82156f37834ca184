package io.skywire.node.gateway;

import io.netty.channel.EventLoop;
import io.skywire.node.vpn.AddressPool;
import io.skywire.node.vpn.DnsRelay;
import io.skywire.node.vpn.GatewayNetwork;
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
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's end of the IP tunnel (docs/PROTOCOL.md 9): tunnels whose first byte is {@code 0x12} carry a
 * client's IPv4 packets. Each client session gets an address from the pool; its packets are checked (valid IPv4,
 * the source it was given, a destination and port the same {@link ExitPolicy} as the SOCKS exit allows, plus the
 * operator's extra subnets) and written to this node's own TUN device, which the kernel routes and masquerades
 * ({@link GatewayNetwork}); packets the TUN gives back go to the client holding their destination, small ones on its
 * real-time lane. Every byte is metered per client ({@link #clients()}), as the proxy's streams are per route.
 *
 * <p>Lane bytes arrive on the exit loop; one thread reads the TUN device.
 */
public final class VpnExit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VpnExit.class);
    /** Packets up to this size go on the real-time lane when the client has one. */
    public static final int SMALL_PACKET = 256;

    /**
     * How the gateway runs its tunnel.
     *
     * @param interfaceName its TUN interface
     * @param subnet        the tunnel's addresses (host 1 is the gateway's)
     * @param mtu           the TUN's MTU, told to clients
     * @param allowed       destinations allowed besides what the exit policy allows (an operator's explicit choice)
     * @param dnsUpstream   the resolver DNS queries to the gateway's tunnel address go to, or null for none
     */
    public record Settings(String interfaceName, Ipv4Subnet subnet, int mtu, List<Ipv4Subnet> allowed,
                           InetSocketAddress dnsUpstream) {
        public Settings {
            allowed = List.copyOf(allowed);
        }
    }

    /** One client's traffic so far: what it would be charged for. */
    public record ClientUsage(String session, String address, long bytesFromClient, long bytesToClient) {
    }

    private final ExitService exit;
    private final Settings settings;
    private final TunDevice tun;
    private final GatewayNetwork network;
    private final DnsRelay dns;
    private final AddressPool pool;
    private final TunnelPolicy policy;
    private final VpnCounters counters = new VpnCounters();
    private final Map<TunnelHello.Session, Client> sessions = new HashMap<>();
    private final Map<Integer, Client> byAddress = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    private VpnExit(ExitService exit, Settings settings, TunDevice tun, GatewayNetwork network, DnsRelay dns,
                    AddressPool pool) {
        this.exit = exit;
        this.settings = settings;
        this.tun = tun;
        this.network = network;
        this.dns = dns;
        this.pool = pool;
        this.policy = new TunnelPolicy(exit.offer().policy(), settings.subnet(), pool.gatewayAddress(), dns != null,
                settings.allowed());
        this.reader = new Thread(this::readTun, "skywire-vpn-exit-tun");
        this.reader.setDaemon(true);
    }

    /**
     * Opens the TUN device, sets up its address, forwarding and NAT, and from now on serves IP-tunnel routes that
     * reach {@code exit}.
     *
     * @throws IOException when the device or the kernel setup fails (no root or CAP_NET_ADMIN, no nft)
     */
    public static VpnExit start(ExitService exit, Settings settings) throws IOException {
        AddressPool pool = new AddressPool(settings.subnet());
        TunDevice tun = TunDevice.open(settings.interfaceName());
        GatewayNetwork network;
        DnsRelay dns = null;
        VpnCounters early = new VpnCounters();
        try {
            network = GatewayNetwork.up(tun.name(), pool, settings.mtu());
        } catch (IOException e) {
            tun.close();
            throw e;
        }
        try {
            if (settings.dnsUpstream() != null) {
                dns = DnsRelay.start(new InetSocketAddress(Ipv4Packet.address(pool.gatewayAddress()), 53),
                        settings.dnsUpstream(), early);
            }
        } catch (IOException e) {
            network.close();
            tun.close();
            throw e;
        }
        VpnExit service = new VpnExit(exit, settings, tun, network, dns, pool);
        service.reader.start();
        exit.serveRouteKind(TunnelHello.KIND, service::lane);
        LOG.info("IP tunnel on {}: {} (gateway {}), MTU {}, extra allowed {}", tun.name(), settings.subnet(),
                Ipv4Packet.address(pool.gatewayAddress()).getHostAddress(), settings.mtu(), settings.allowed());
        return service;
    }

    /** Traffic and refusals of every client together (DNS relay counts are in the relay's own counters). */
    public VpnCounters counters() {
        return counters;
    }

    /** Every current client's bytes in both directions. */
    public List<ClientUsage> clients() {
        List<ClientUsage> usage = new ArrayList<>();
        for (Client client : byAddress.values()) {
            usage.add(new ClientUsage(client.session.toString(), Ipv4Packet.address(client.address).getHostAddress(),
                    client.fromClient.get(), client.toClient.get()));
        }
        return usage;
    }

    /** The gateway's address inside the tunnel (also the clients' DNS resolver). */
    public String gatewayAddress() {
        return Ipv4Packet.address(pool.gatewayAddress()).getHostAddress();
    }

    private EventLoop loop() {
        return exit.loop();
    }

    /** A new tunnel of this kind, on the exit loop: returns who takes its bytes. */
    private Consumer<byte[]> lane(TunnelPipe pipe) {
        Lane lane = new Lane(pipe);
        pipe.ended().whenComplete((reason, error) -> loop().execute(() -> laneEnded(lane)));
        return bytes -> lane.receive(bytes);
    }

    private void laneEnded(Lane lane) {
        lane.closed = true;
        Client client = lane.client;
        if (client == null) {
            return;
        }
        if (client.bulk == lane) {
            sessions.remove(client.session);
            byAddress.remove(client.address);
            pool.release(client.address);
            if (client.realtime != null) {
                client.realtime.pipe.close();
            }
            LOG.info("tunnel session {} ({}) ended: {} bytes from it, {} to it", client.session,
                    Ipv4Packet.address(client.address).getHostAddress(), client.fromClient.get(),
                    client.toClient.get());
        } else if (client.realtime == lane) {
            client.realtime = null;
        }
    }

    private void hello(Lane lane, TunnelHello hello) {
        Client existing = sessions.get(hello.session());
        if (hello.lane() == TunnelHello.LANE_BULK) {
            if (existing != null) {
                lane.refuse(TunnelFrame.Reason.LANE_TAKEN);
                return;
            }
            int address = pool.take();
            if (address == 0) {
                lane.refuse(TunnelFrame.Reason.NO_ADDRESS_FREE);
                return;
            }
            Client client = new Client(hello.session(), address, lane);
            lane.client = client;
            sessions.put(hello.session(), client);
            byAddress.put(address, client);
            counters.increment(VpnCounter.SESSIONS);
            lane.pipe.send(new TunnelFrame.Assign(address, pool.gatewayAddress(), settings.subnet().prefix(),
                    settings.mtu()).encode());
            LOG.info("tunnel session {} over {}: address {}", hello.session(), lane.pipe.label(),
                    Ipv4Packet.address(address).getHostAddress());
            return;
        }
        if (existing == null) {
            lane.refuse(TunnelFrame.Reason.UNKNOWN_SESSION);
        } else if (existing.realtime != null) {
            lane.refuse(TunnelFrame.Reason.LANE_TAKEN);
        } else {
            existing.realtime = lane;
            lane.client = existing;
        }
    }

    private void fromClient(Client client, TunnelFrame frame, Lane lane) {
        if (!(frame instanceof TunnelFrame.Packet packet)) {
            counters.increment(VpnCounter.LANES_MALFORMED);
            LOG.info("closing {}: a client sends only packets, not {}", lane.pipe.label(), frame);
            lane.close();
            return;
        }
        Ipv4Packet header = packet.header();
        if (header.source() != client.address) {
            counters.increment(VpnCounter.DROPPED_SPOOFED);
            return;
        }
        if (!policy.allows(header)) {
            counters.increment(VpnCounter.DROPPED_POLICY);
            return;
        }
        try {
            tun.write(packet.bytes());
            client.fromClient.addAndGet(packet.bytes().length);
            counters.increment(VpnCounter.PACKETS_RECEIVED);
            counters.add(VpnCounter.BYTES_RECEIVED, packet.bytes().length);
        } catch (IOException e) {
            LOG.warn("TUN write failed: {}", e.getMessage());
        }
    }

    private void readTun() {
        TunPump.run(tun, () -> running, counters, new LaneBatches(counters) {
            @Override
            Choice laneFor(int length, Ipv4Packet header) {
                Client client = byAddress.get(header.destination());
                if (client == null) {
                    counters.increment(VpnCounter.DROPPED_NO_CLIENT);
                    return null;
                }
                Lane realtime = client.realtime;
                boolean small = length <= SMALL_PACKET && realtime != null && !realtime.closed;
                return new Choice(small ? realtime.sender : client.bulk.sender, small);
            }

            @Override
            void sent(int length, Ipv4Packet header) {
                Client client = byAddress.get(header.destination());
                if (client != null) {
                    client.toClient.addAndGet(length);
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop().execute(() -> {
            for (Client client : List.copyOf(sessions.values())) {
                client.bulk.pipe.close();
            }
        });
        if (dns != null) {
            dns.close();
        }
        tun.close();
        network.close();
    }

    /** One client session: its address, lanes and meter. */
    private static final class Client {
        final TunnelHello.Session session;
        final int address;
        final Lane bulk;
        volatile Lane realtime;
        final AtomicLong fromClient = new AtomicLong();
        final AtomicLong toClient = new AtomicLong();

        Client(TunnelHello.Session session, int address, Lane bulk) {
            this.session = session;
            this.address = address;
            this.bulk = bulk;
        }
    }

    /** One tunnel (route or group) of a session, read on the exit loop. */
    private final class Lane {
        final TunnelPipe pipe;
        final TunnelReader reader = new TunnelReader();
        final LaneSender sender;
        byte[] head = new byte[0];
        boolean helloRead;
        volatile boolean closed;
        Client client;

        Lane(TunnelPipe pipe) {
            this.pipe = pipe;
            this.sender = new LaneSender(pipe);
        }

        void receive(byte[] bytes) {
            if (closed) {
                return;
            }
            byte[] rest = bytes;
            if (!helloRead) {
                byte[] joined = java.util.Arrays.copyOf(head, head.length + bytes.length);
                System.arraycopy(bytes, 0, joined, head.length, bytes.length);
                if (joined.length < TunnelHello.BYTES) {
                    head = joined;
                    return;
                }
                helloRead = true;
                head = null;
                try {
                    hello(this, TunnelHello.decode(joined));
                } catch (MalformedPacketException e) {
                    malformed(e);
                    return;
                }
                if (closed || client == null) {
                    return;
                }
                rest = java.util.Arrays.copyOfRange(joined, TunnelHello.BYTES, joined.length);
            }
            try {
                for (TunnelFrame frame : reader.read(rest)) {
                    if (closed) {
                        return;
                    }
                    fromClient(client, frame, this);
                }
            } catch (MalformedPacketException e) {
                malformed(e);
            }
        }

        void malformed(MalformedPacketException e) {
            counters.increment(VpnCounter.LANES_MALFORMED);
            LOG.info("closing {}: {}", pipe.label(), e.getMessage());
            close();
        }

        void refuse(TunnelFrame.Reason reason) {
            counters.increment(VpnCounter.LANES_REFUSED);
            LOG.info("refusing {}: {}", pipe.label(), reason);
            pipe.send(new TunnelFrame.Refused(reason).encode()).whenComplete((ok, error) -> pipe.close());
            closed = true;
        }

        void close() {
            closed = true;
            pipe.close();
        }
    }
}
