package io.skywire.node.runtime;

import io.netty.util.concurrent.ScheduledFuture;
import io.skywire.node.discovery.DhtConfig;
import io.skywire.node.discovery.GatewayService;
import io.skywire.node.discovery.NeighbourTag;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.RecordException;
import io.skywire.node.discovery.RecordPolicy;
import io.skywire.node.discovery.RecordRefusal;
import io.skywire.node.discovery.RecordStore;
import io.skywire.node.discovery.SelfRecord;
import io.skywire.node.discovery.lan.LanCounter;
import io.skywire.node.discovery.lan.LanDiscovery;
import io.skywire.node.discovery.lan.LanSockets;
import io.skywire.node.discovery.pex.PeerExchange;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.limit.SourceLimiter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a running node finds others: it keeps this node's signed record fresh, announces it on the LAN, greets the
 * bootstrap nodes, exchanges neighbours' records with linked neighbours, and keeps every verified record in one
 * directory (a {@link RecordStore}) that the application reads through {@link #knownPeers()} and
 * {@link #onDiscovered}. The protocol logic lives in the sans-I/O {@link LanDiscovery} and {@link PeerExchange};
 * this class moves their bytes on the node's event loop and decides whom to dial ({@link DiscoveryDialer}).
 */
public final class DiscoveryService implements PeerExchange.RecordSink, EngineDriver.LinkObserver,
        UdpTransport.DiscoveryInbox {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);
    /** Records held at most; beyond it new nodes' records are refused until old ones expire. */
    static final int DIRECTORY_CAPACITY = 4_096;
    /** Records shared in answer to one peer-exchange request. */
    static final int MAX_SHARED = 32;
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Fewest nanoseconds between two versions of this node's record signed because something changed. */
    static final long RESIGN_DEBOUNCE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long this node's record is valid; it is re-signed at half of it. */
    static final long RECORD_LIFETIME_SECONDS = 3_600;

    private final EngineDriver driver;
    private final UdpTransport udp;
    private final SelfRecord self;
    private final DhtPeerFinder dht;
    private NodeRecord current;
    private final RecordStore directory;
    private final LanDiscovery lan;
    private LanSockets lanSockets;
    private final PeerExchange pex;
    private final DiscoveryDialer dialer;
    private final List<BootstrapConfig> bootstrap;
    /** Listeners; touched only on the loop. */
    private final List<Consumer<DiscoveredPeer>> listeners = new ArrayList<>();
    /** How each held record's node was first learned of, for listeners that arrive later. */
    private final Map<NodeId, DiscoveredPeer.Via> firstVia = new HashMap<>();
    /** Linked neighbours, as the record names them; touched only on the loop. */
    private final java.util.Set<NodeId> linked = new java.util.LinkedHashSet<>();
    /** Whether the record's content changed since it was last signed (links, offer, price). */
    private boolean contentChanged;
    /** The record's fields other than the neighbours, as last set (offer, price); touched only on the loop. */
    private RecordContent published;
    private long lastChangeSigned = Long.MIN_VALUE / 2;
    private final List<Runnable> recordListeners = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;
    private long nextHousekeeping;
    private boolean stopped;

    private DiscoveryService(EngineDriver driver, UdpTransport udp, SelfRecord self, RecordPolicy policy,
                             DiscoveryConfig config, boolean lanOn, InetSocketAddress udpBound) {
        SecureRandom random = new SecureRandom();
        this.driver = driver;
        this.udp = udp;
        this.self = self;
        this.published = self.content();
        this.dht = new DhtPeerFinder(DhtConfig.defaults().withRecordPolicy(policy), self, random::nextBytes,
                EngineDriver.now(), System.currentTimeMillis());
        this.directory = new RecordStore(policy, DIRECTORY_CAPACITY);
        this.lan = !lanOn ? null : new LanDiscovery(driver.self(),
                TimeUnit.MILLISECONDS.toNanos(config.lanIntervalMillis()), random,
                new SourceLimiter<>(5, 10, 200, 400, 1_024));
        this.pex = new PeerExchange(TimeUnit.MILLISECONDS.toNanos(config.pexIntervalMillis()), MAX_SHARED, random,
                new SourceLimiter<>(20, 40, 500, 1_000, 4_096), this);
        this.dialer = new DiscoveryDialer(driver, udp, config.dial(), config.maxDialled(), udpBound);
        this.bootstrap = config.bootstrap();
    }

    /**
     * Builds the record, opens the LAN sockets (blocking the caller, never the loop) and starts on the loop. LAN
     * discovery runs only with a UDP socket, and on loopback only when the config asks for it.
     */
    static DiscoveryService start(EngineDriver driver, UdpTransport udp, IoTransports io, NodeKeyPair keys,
                                  NodeConfig config, NodeRuntime.BoundAddresses bound)
            throws IOException, InterruptedException {
        DiscoveryConfig settings = config.discovery();
        SelfRecord self = new SelfRecord(keys, RecordContent.forwarder(keys.nodeId(), 0, 0,
                SelfAddresses.of(bound.udp(), bound.tcp()), 0,
                Math.min(config.udpRate(), NodeRecordCodec.MAX_CAPACITY_BYTES_PER_SECOND)), RECORD_LIFETIME_SECONDS);
        boolean loopbackNode = bound.udp() != null && bound.udp().getAddress().isLoopbackAddress();
        RecordPolicy policy = loopbackNode || settings.lanLoopback() ? RecordPolicy.loopbackAllowed()
                : RecordPolicy.internet();
        List<NetworkInterface> interfaces = List.of();
        if (settings.lan() && bound.udp() != null) {
            interfaces = LanSockets.interfaces(bound.udp().getAddress(), settings.lanLoopback());
            if (interfaces.isEmpty()) {
                LOG.info("LAN discovery: no multicast interface for {}", bound.udp());
            }
        }
        DiscoveryService service = new DiscoveryService(driver, udp, self, policy, settings, !interfaces.isEmpty(),
                bound.udp());
        if (!interfaces.isEmpty()) {
            service.lanSockets = LanSockets.open(driver.loop(), io.ipv4Datagram(), settings.lanGroup(), interfaces,
                    service::onLanDatagram);
        }
        try {
            driver.loop().submit(service::begin).sync();
        } catch (InterruptedException | RuntimeException e) {
            if (service.lanSockets != null) {
                service.lanSockets.close();
            }
            throw e;
        }
        return service;
    }

    /** On the loop: sign the first record, greet the bootstrap nodes, dial those whose key is known. */
    private void begin() {
        udp.discoveryInbox(this);
        driver.observeLinks(this);
        long now = EngineDriver.now();
        linked.addAll(driver.linkedPeers());
        contentChanged = !linked.isEmpty();
        resignIfChanged(now);
        renewIfDue(now);
        for (BootstrapConfig node : bootstrap) {
            if (node.id() != null) {
                udp.dialIfIdle(node.id(), node.address());
            }
            // Also with a known key: the HELLO brings its record (addresses, offers) before any link is up.
            pex.hello(now, node.address());
        }
        afterInput(now);
    }

    /** Takes this node's record as re-signed at half its lifetime (shared with the DHT) and announces a new one. */
    private void renewIfDue(long now) {
        NodeRecord record = self.current(nowSeconds());
        if (record.equals(current)) {
            return;
        }
        boolean first = current == null;
        current = record;
        pex.selfRecord(record);
        if (lan != null) {
            lan.recordChanged(now, record);
        }
        if (!first) {
            pex.share(record); // pushed to the neighbours now, not at their next request
            dht.republish(now);
        }
        LOG.debug("own record: sequence {}, {} addresses, {} neighbours", record.sequence(),
                record.addresses().size(), record.neighbours().size());
        for (Runnable listener : recordListeners) {
            notify(listener);
        }
    }

    /**
     * Signs a new version once the content changed (a link came up or went down, an offer or price was set), at
     * most once per {@link #RESIGN_DEBOUNCE_NANOS}: a burst of link changes costs one signature and one
     * republication. Later changes wait for the housekeeping tick after the debounce.
     */
    private void resignIfChanged(long now) {
        if (!contentChanged || now - lastChangeSigned < RESIGN_DEBOUNCE_NANOS) {
            return;
        }
        contentChanged = false;
        lastChangeSigned = now;
        self.update(published.withNeighbours(neighbourTags()), nowSeconds());
        renewIfDue(now);
    }

    /** The linked neighbours' tags, at most {@link NodeRecordCodec#MAX_NEIGHBOURS}, the oldest links first. */
    private List<NeighbourTag> neighbourTags() {
        List<NeighbourTag> tags = new ArrayList<>();
        for (NodeId peer : linked) {
            NeighbourTag tag = NeighbourTag.of(peer);
            if (tags.size() < NodeRecordCodec.MAX_NEIGHBOURS && !tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private void changeContent(java.util.function.UnaryOperator<RecordContent> change) {
        long now = EngineDriver.now();
        published = change.apply(published);
        contentChanged = true;
        resignIfChanged(now);
        afterInput(now);
    }

    // --- input, on the loop ---

    void onLanDatagram(InetSocketAddress from, byte[] datagram) {
        if (stopped || lan == null) {
            return;
        }
        long now = EngineDriver.now();
        LanDiscovery.Candidate candidate = lan.onDatagram(now, from, datagram);
        if (candidate != null) {
            accept(now, candidate.record(), candidate.dialAddress(), DiscoveredPeer.Via.LAN);
        }
        afterInput(now);
    }

    @Override
    public void onDatagram(int kind, InetSocketAddress from, byte[] body) {
        if (stopped) {
            return;
        }
        long now = EngineDriver.now();
        if (kind == UdpWire.PEX) {
            pex.onMessage(now, from, body);
        } else {
            dht.onMessage(now, from, body);
        }
        afterInput(now);
    }

    @Override
    public void linkUp(NodeId peer, LinkPort port) {
        long now = EngineDriver.now();
        dialer.linked(peer, now);
        if (linked.add(peer)) {
            contentChanged = true;
            resignIfChanged(now);
        }
        InetSocketAddress address = port.udpAddress();
        if (address != null && !stopped) {
            // After this loop turn: a responder's link confirmation must leave before the first request.
            driver.loop().execute(() -> {
                if (!stopped && driver.hasLink(peer)) {
                    long later = EngineDriver.now();
                    pex.neighbourUp(later, peer, address);
                    directory.get(peer, nowSeconds()).ifPresent(pex::share);
                    afterInput(later);
                }
            });
        }
    }

    @Override
    public void linkDown(NodeId peer, LinkPort port) {
        long now = EngineDriver.now();
        dialer.unlinked(peer, now);
        if (linked.remove(peer)) {
            contentChanged = true;
            resignIfChanged(now);
        }
        if (port.udpAddress() != null) {
            pex.neighbourDown(port.udpAddress());
        }
    }

    /** A record from peer exchange (HELLO, its answer, RECORDS). */
    @Override
    public PeerExchange.Offered offer(NodeRecord record, InetSocketAddress dialHint) {
        return accept(EngineDriver.now(), record, dialHint, dialHint != null ? DiscoveredPeer.Via.HELLO
                : DiscoveredPeer.Via.PEX);
    }

    /** Records of our linked neighbours, ours first, for a neighbour that asked. */
    @Override
    public List<NodeRecord> shareWith(NodeId asker, int max) {
        List<NodeRecord> shared = new ArrayList<>();
        shared.add(current);
        long nowSeconds = nowSeconds();
        for (NodeRecord record : directory.all(nowSeconds)) {
            if (shared.size() >= max) {
                break;
            }
            if (!record.nodeKey().equals(asker) && driver.hasLink(record.nodeKey())) {
                shared.add(record);
            }
        }
        return shared;
    }

    /**
     * Verifies and stores a record; a new node (or a newer record) is announced to the listeners and may be
     * dialled. (Peer exchange pushes a neighbour's own new record on to the other neighbours.)
     */
    private PeerExchange.Offered accept(long now, NodeRecord record, InetSocketAddress dialHint,
                                        DiscoveredPeer.Via via) {
        if (record.nodeKey().equals(driver.self())) {
            return PeerExchange.Offered.KNOWN;
        }
        long nowSeconds = nowSeconds();
        Optional<NodeRecord> held = directory.get(record.nodeKey(), nowSeconds);
        if (held.isPresent() && held.get().equals(record)) {
            dialer.consider(now, record, dialHint);
            return PeerExchange.Offered.KNOWN;
        }
        Optional<RecordRefusal> refusal = directory.put(record, nowSeconds);
        if (refusal.isPresent()) {
            LOG.debug("record of {} via {} refused: {}", record.nodeKey().fingerprint(), via, refusal.get());
            return refusal.get() == RecordRefusal.OLD_SEQUENCE ? PeerExchange.Offered.KNOWN
                    : PeerExchange.Offered.REFUSED;
        }
        if (held.isEmpty()) {
            LOG.info("discovered node {} via {} at {}", record.nodeKey().fingerprint(), via, record.addresses());
        }
        firstVia.putIfAbsent(record.nodeKey(), via);
        DiscoveredPeer peer = new DiscoveredPeer(record, via);
        for (Consumer<DiscoveredPeer> listener : listeners) {
            notify(listener, peer);
        }
        if (via == DiscoveredPeer.Via.LAN && driver.hasLink(record.nodeKey())) {
            pex.share(record); // first-hand: the node announced it itself
        }
        InetSocketAddress reachable = dialHint != null ? dialHint : dialer.reachable(record);
        if (reachable != null && via != DiscoveredPeer.Via.DHT) {
            dht.contact(now, record, reachable);
        }
        dialer.consider(now, record, dialHint);
        return PeerExchange.Offered.NEW;
    }

    // --- output and timers, on the loop ---

    private void afterInput(long now) {
        dht.drain(now, (to, message) -> udp.sendDiscovery(to, UdpWire.DHT, message),
                record -> accept(now, record, null, DiscoveredPeer.Via.DHT),
                this::known);
        PeerExchange.Outgoing out;
        while ((out = pex.pollOutgoing()) != null) {
            udp.sendDiscovery(out.to(), UdpWire.PEX, out.message());
        }
        armTimer(now);
    }

    private void armTimer(long now) {
        if (stopped) {
            return;
        }
        long next = Math.min(Math.min(pex.nextTimeout(), dht.nextTimeout()), nextHousekeeping);
        if (lan != null) {
            next = Math.min(next, lan.nextTimeout());
        }
        if (timer != null && timerAt <= next) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = next;
        timer = driver.loop().schedule(this::onTimer, Math.max(0, next - now), TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        timer = null;
        timerAt = Long.MAX_VALUE;
        if (stopped) {
            return;
        }
        long now = EngineDriver.now();
        if (now >= nextHousekeeping) {
            nextHousekeeping = now + HOUSEKEEPING_NANOS;
            resignIfChanged(now);
            renewIfDue(now);
            dialer.expire(now);
            dht.sweep(now, this::known);
            if (directory.evictExpired(nowSeconds()) > 0) {
                firstVia.keySet().removeIf(id -> directory.get(id, nowSeconds()).isEmpty());
            }
        }
        if (lan != null) {
            byte[] announcement = lan.pollAnnouncement(now);
            if (announcement != null) {
                lanSockets.send(announcement);
            }
        }
        pex.handleTimeout(now);
        if (now >= dht.nextTimeout()) {
            dht.handleTimeout(now);
        }
        afterInput(now);
    }

    /** On the loop, when the node stops. */
    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (lanSockets != null) {
            lanSockets.close();
        }
    }

    private boolean known(NodeId id) {
        return id.equals(driver.self()) || directory.get(id, nowSeconds()).isPresent();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    // --- the application's side, from any thread ---

    /** Every verified, unexpired record this node holds (its own not included). */
    public List<NodeRecord> knownPeers() {
        return driver.onLoop(() -> directory.all(nowSeconds()));
    }

    /**
     * Looks up these nodes' records again in the DHT (each at most once per 5 s, at most 8 lookups at once): for
     * records the caller suspects stale, such as the ends of a link only one of them names.
     */
    public void refreshRecords(java.util.Collection<NodeId> nodes) {
        List<NodeId> copy = List.copyOf(nodes);
        driver.loop().execute(() -> {
            if (stopped) {
                return;
            }
            long now = EngineDriver.now();
            for (NodeId node : copy) {
                if (!node.equals(driver.self())) {
                    dht.refresh(now, node);
                }
            }
            afterInput(now);
        });
    }

    /**
     * The providers of {@code service} in the DHT (docs/PROTOCOL.md 4.2, 4.4): verified records, at most a lookup's
     * worth (8), empty when none was found or the node is stopped.
     */
    public java.util.concurrent.CompletableFuture<List<NodeRecord>> findProviders(io.skywire.node.discovery.DhtKey service) {
        java.util.concurrent.CompletableFuture<List<NodeRecord>> found = new java.util.concurrent.CompletableFuture<>();
        driver.loop().execute(() -> {
            if (stopped) {
                found.complete(List.of());
                return;
            }
            long now = EngineDriver.now();
            dht.findProviders(now, service, found);
            afterInput(now);
        });
        return found;
    }

    /** Announces this node as a provider of {@code service} in the DHT, now and at every hourly republication. */
    public void announceProvider(io.skywire.node.discovery.DhtKey service) {
        driver.loop().execute(() -> {
            if (!stopped) {
                long now = EngineDriver.now();
                dht.announceProvider(now, service);
                afterInput(now);
            }
        });
    }

    /** Stops announcing {@code service}. */
    public void stopAnnouncing(io.skywire.node.discovery.DhtKey service) {
        driver.loop().execute(() -> dht.stopAnnouncing(service));
    }

    /** The peers this node has a link to now, as its record names them. */
    public java.util.Set<NodeId> linkedNeighbours() {
        return driver.onLoop(() -> java.util.Set.copyOf(linked));
    }

    /** This node's current record. */
    public NodeRecord selfRecord() {
        return driver.onLoop(() -> current);
    }

    /**
     * Who hears of each new node (and each newer record), starting with the nodes already known; runs on the event
     * loop, so it must not block.
     */
    public void onDiscovered(Consumer<DiscoveredPeer> listener) {
        driver.loop().execute(() -> {
            for (NodeRecord record : directory.all(nowSeconds())) {
                notify(listener, new DiscoveredPeer(record, firstVia.getOrDefault(record.nodeKey(),
                        DiscoveredPeer.Via.PEX)));
            }
            listeners.add(listener);
        });
    }

    /**
     * Advertises this node's gateway offer in its record (or withdraws it with {@code Optional.empty()}); the new
     * version is signed and republished within {@link #RESIGN_DEBOUNCE_NANOS}. An offer a record cannot carry (a
     * region outside {@code a-z 0-9 -}, too many port ranges) is logged and not advertised.
     *
     * @return whether the offer is advertised
     */
    public boolean advertiseGateway(Optional<GatewayService> offer) {
        Objects.requireNonNull(offer, "offer");
        return advertise(content -> content.withGateway(offer), "gateway offer " + offer);
    }

    /**
     * Advertises what this node charges per 10^9 forwarded bytes, in droplets.
     *
     * @return whether the price is advertised (false, and logged, when out of range)
     */
    public boolean advertiseForwardingPrice(long pricePerGbDroplets) {
        return advertise(content -> content.withForwardingPrice(pricePerGbDroplets),
                "forwarding price " + pricePerGbDroplets);
    }

    private boolean advertise(java.util.function.UnaryOperator<RecordContent> change, String what) {
        try {
            NodeRecordCodec.validate(change.apply(driver.onLoop(() -> published)));
        } catch (RecordException e) {
            LOG.warn("not advertised in this node's record: {}: {}", what, e.getMessage());
            return false;
        }
        driver.loop().execute(() -> changeContent(change));
        return true;
    }

    /**
     * Who hears of every change in what discovery knows: a new or newer record of another node, or a new version
     * of this node's own. Runs on the event loop, so it must not block; the caller reads what it needs later.
     */
    public void onChange(Runnable listener) {
        driver.loop().execute(() -> {
            recordListeners.add(listener);
            listeners.add(peer -> listener.run());
        });
    }

    private static void notify(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("a discovery listener failed", e);
        }
    }

    private static void notify(Consumer<DiscoveredPeer> listener, DiscoveredPeer peer) {
        try {
            listener.accept(peer);
        } catch (RuntimeException e) {
            LOG.warn("a discovery listener failed", e);
        }
    }

    /** What discovery counted, refused input included. */
    public DiscoveryCounters counters() {
        return driver.onLoop(() -> new DiscoveryCounters(
                lan == null ? new EnumMap<>(LanCounter.class) : lan.counters(),
                pex.counters(), directory.refusals().snapshot(), directory.size(),
                lanSockets == null ? 0 : lanSockets.interfaceCount(), dht.counters(), dht.refusals(),
                dht.contacts()));
    }
}
