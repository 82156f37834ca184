package io.skywire.node.runtime;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.HandshakeException;
import io.skywire.node.link.LinkBreach;
import io.skywire.node.link.LinkSettings;
import io.skywire.node.link.Opened;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's UDP links: one datagram channel bound to the configured address, one {@link UdpPeer} per remote
 * address. Everything runs on the node's event loop. A datagram from an address without a link that is not a
 * valid act one is dropped and counted, a refused frame is counted, and neither disturbs any link.
 */
final class UdpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Half-open responder handshakes kept at once; beyond this, act ones are refused (each costs an ECDH). */
    static final int MAX_PENDING_HANDSHAKES = 1024;
    /** Requested socket buffers: room for several neighbours' paced bursts. */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final EngineDriver driver;
    private final LinkSettings settings;
    private final byte[] secret;
    private final long rate;
    private final FaultShim faults;
    private final Map<InetSocketAddress, UdpPeer> peers = new HashMap<>();
    private final long[] counters = new long[UdpCounter.values().length];
    private final Map<LinkBreach, Long> rejected = new EnumMap<>(LinkBreach.class);
    private Channel channel;
    private ScheduledFuture<?> ticker;
    private DiscoveryInbox discovery;

    /** Takes the discovery datagrams (kinds 0x20 and 0x21) off the node's socket. */
    interface DiscoveryInbox {
        void onDatagram(int kind, InetSocketAddress from, byte[] body);
    }

    UdpTransport(EngineDriver driver, LinkSettings settings, byte[] secret, long rate, UdpFaults faults) {
        this.driver = driver;
        this.settings = settings;
        this.secret = secret.clone();
        this.rate = rate;
        this.faults = new FaultShim(faults);
    }

    /** Binds the socket (blocking the caller, never the loop) and starts the retransmission tick. */
    InetSocketAddress bind(IoTransports io, InetSocketAddress address) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(driver.loop())
                .channel(io.datagram())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(UdpWire.MAX_DATAGRAM))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .handler(new UdpDatagramHandler(this));
        channel = bootstrap.bind(address).sync().channel();
        ticker = driver.loop().scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        return (InetSocketAddress) channel.localAddress();
    }

    /** Routes discovery datagrams to {@code inbox}; call on the loop before they can arrive. */
    void discoveryInbox(DiscoveryInbox inbox) {
        this.discovery = inbox;
    }

    /** Sends a discovery datagram (a DHT or peer-exchange message); call on the loop. */
    void sendDiscovery(InetSocketAddress to, int kind, byte[] body) {
        send(to, kind, body, true);
    }

    /**
     * Dials a discovered node unless a handshake or link already runs at that address (answering it, or dialled
     * by config); false when nothing was started.
     */
    boolean dialIfIdle(NodeId peer, InetSocketAddress address) {
        if (peers.containsKey(address)) {
            return false;
        }
        dial(peer, address);
        return true;
    }

    /** Stops dialling at {@code address} unless a link stands there (a discovered node that never answered). */
    void stopDialling(InetSocketAddress address) {
        UdpPeer peer = peers.get(address);
        if (peer != null && peer.dialTo != null && (peer.link == null || !peer.link.confirmed)) {
            peers.remove(address);
        }
    }

    /** Starts dialling a static neighbour; call on the loop. */
    void dial(NodeId peer, InetSocketAddress address) {
        UdpPeer entry = new UdpPeer(this, settings, address, peer);
        peers.put(address, entry);
        entry.dial(EngineDriver.now());
    }

    void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
    }

    EngineDriver driver() {
        return driver;
    }

    EventLoop loop() {
        return driver.loop();
    }

    NodeId self() {
        return driver.self();
    }

    byte[] secret() {
        return secret;
    }

    long rate() {
        return rate;
    }

    boolean writable() {
        return channel.isWritable();
    }

    /** Whether our dial to {@code peer} wins over its dial to us: the smaller key's dial wins. */
    boolean dialWins(NodeId peer) {
        return Arrays.compareUnsigned(self().key(), peer.key()) < 0;
    }

    void count(UdpCounter counter) {
        counters[counter.ordinal()]++;
    }

    Map<UdpCounter, Long> counters() {
        Map<UdpCounter, Long> copy = new EnumMap<>(UdpCounter.class);
        for (UdpCounter counter : UdpCounter.values()) {
            copy.put(counter, counters[counter.ordinal()]);
        }
        return copy;
    }

    Map<LinkBreach, Long> rejectedFrames() {
        return new EnumMap<>(rejected);
    }

    /** Reads one datagram; never throws for anything a remote sender controls. */
    void onDatagram(InetSocketAddress sender, ByteBuf content) {
        count(UdpCounter.DATAGRAMS_RECEIVED);
        if (faults.dropOnReceive()) {
            count(UdpCounter.FAULT_DROPPED_RECEIVE);
            return;
        }
        int length = content.readableBytes() - 1;
        int kind = length >= 0 ? content.readUnsignedByte() : -1;
        if (kind == UdpWire.DHT || kind == UdpWire.PEX) {
            count(UdpCounter.DISCOVERY_DATAGRAMS);
            if (discovery == null) {
                count(UdpCounter.UNAUTHENTICATED_DROPPED);
            } else {
                discovery.onDatagram(kind, sender, ByteBufUtil.getBytes(content));
            }
            return;
        }
        UdpPeer peer = peers.get(sender);
        long now = EngineDriver.now();
        if (kind == UdpWire.ACT_ONE && length == UdpWire.ACT_ONE_BYTES) {
            if (peer == null) {
                if (pendingHandshakes() >= MAX_PENDING_HANDSHAKES) {
                    count(UdpCounter.HANDSHAKES_BUSY);
                    return;
                }
                peer = new UdpPeer(this, settings, sender, null);
                peers.put(sender, peer);
            }
            peer.onActOne(ByteBufUtil.getBytes(content), now);
        } else if (peer == null) {
            count(UdpCounter.UNAUTHENTICATED_DROPPED);
        } else if (kind == UdpWire.ACT_TWO && length == UdpWire.ACT_TWO_BYTES) {
            peer.onActTwo(ByteBufUtil.getBytes(content), now);
        } else if (kind == UdpWire.ACT_THREE && length == UdpWire.ACT_THREE_BYTES) {
            peer.onActThree(ByteBufUtil.getBytes(content), now);
        } else if (kind == UdpWire.FRAME && peer.link != null) {
            onFrame(peer, peer.link, ByteBufUtil.getBytes(content), now);
        } else {
            count(peer.link != null ? UdpCounter.MALFORMED_DROPPED : UdpCounter.UNAUTHENTICATED_DROPPED);
        }
    }

    private void onFrame(UdpPeer peer, UdpLink link, byte[] frame, long now) {
        Opened opened = link.cipher.open(frame, now);
        if (opened instanceof Opened.Rejected refusal) {
            // On a datagram link a refused frame may be a late or duplicated one: drop it and carry on.
            count(UdpCounter.FRAMES_REJECTED);
            rejected.merge(refusal.breach(), 1L, Long::sum);
            LOG.debug("{} refused a frame: {}", link.describe(), refusal.detail());
            return;
        }
        if (!link.confirmed) {
            link.confirmed = true;
            if (!install(peer, link)) {
                return;
            }
        }
        if (opened instanceof Opened.Payload payload) {
            if (payload.data().length > 0 && link.id != null) {
                driver.onDatagram(link.id, payload.data());
            }
        } else if (opened instanceof Opened.Control control) {
            for (byte[] reply : control.replies()) {
                send(link.address, UdpWire.FRAME, reply, true);
            }
            if (control.sendRotated() && link.id != null) {
                driver.pump(link.id);
            }
        }
    }

    /** Gives a confirmed link to the engine; false when the engine kept another link to the same neighbour. */
    boolean install(UdpPeer peer, UdpLink link) {
        UdpLink previous = peer.link;
        peer.link = link;
        count(UdpCounter.LINKS_ESTABLISHED);
        link.id = driver.attach(link, engineMtu(), link.rttHintNanos);
        if (link.id == null) {
            peer.link = previous;
            return false;
        }
        if (previous != null && previous != link && previous.id != null) {
            // A restarted neighbour at the same address: the driver may not have known the old link by key.
            driver.detach(previous.id);
            previous.id = null;
        }
        return true;
    }

    /** An empty authenticated frame: tells an initiator its act three arrived. */
    void confirm(UdpLink link) {
        send(link.address, UdpWire.FRAME, link.cipher.seal(new byte[0]), true);
    }

    void discardUnconfirmed(UdpLink link) {
        LOG.debug("{} already linked; dropping the handshake that completed late", link.describe());
    }

    void linkDetached(UdpLink link) {
        UdpPeer peer = peers.get(link.address);
        if (peer != null) {
            peer.lost(link, EngineDriver.now());
        }
    }

    void handshakeFailed(InetSocketAddress from, String act, HandshakeException e) {
        count(UdpCounter.HANDSHAKES_FAILED);
        LOG.debug("handshake with {} failed at {}: {}", from, act, e.getMessage());
    }

    /** The MTU the engine packs datagrams to on UDP links. */
    static int engineMtu() {
        return io.skywire.node.engine.EngineConfig.DEFAULT_MTU;
    }

    /** Writes one datagram (kind byte and body) through the fault shim. */
    void send(InetSocketAddress to, int kind, byte[] body, boolean flush) {
        if (faults.dropOnSend()) {
            count(UdpCounter.FAULT_DROPPED_SEND);
            return;
        }
        count(UdpCounter.DATAGRAMS_SENT);
        long delay = faults.delayNanos();
        if (delay > 0) {
            loop().schedule(() -> {
                channel.writeAndFlush(packet(to, kind, body), channel.voidPromise());
            }, delay, TimeUnit.NANOSECONDS);
        } else if (flush) {
            channel.writeAndFlush(packet(to, kind, body), channel.voidPromise());
        } else {
            channel.write(packet(to, kind, body), channel.voidPromise());
        }
    }

    void flush() {
        channel.flush();
    }

    private DatagramPacket packet(InetSocketAddress to, int kind, byte[] body) {
        ByteBuf buf = channel.alloc().directBuffer(1 + body.length);
        buf.writeByte(kind).writeBytes(body);
        return new DatagramPacket(buf, to);
    }

    /** The socket drained below its low-water mark: links that stopped on writability may go on. */
    void onWritable() {
        driver.afterInput();
    }

    private int pendingHandshakes() {
        int pending = 0;
        for (UdpPeer peer : peers.values()) {
            if (peer.responding()) {
                pending++;
            }
        }
        return pending;
    }

    private void tick() {
        long now = EngineDriver.now();
        for (UdpPeer peer : new ArrayList<>(peers.values())) {
            peer.tick(now);
            UdpLink link = peer.link;
            if (link != null && link.confirmed) {
                // Rekey offers and their retransmissions: UDP may lose them, and an idle link still rotates.
                for (byte[] control : link.cipher.poll(now)) {
                    send(link.address, UdpWire.FRAME, control, true);
                }
            }
            if (peer.idle()) {
                peers.remove(peer.address);
            }
        }
    }
}
