package io.skywire.node.runtime;

import io.skywire.node.engine.LinkId;
import io.skywire.node.engine.Pacer;
import io.skywire.node.identity.NodeId;
import io.skywire.node.link.LinkCipher;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated UDP link: seals each engine datagram into one transport frame in one UDP datagram,
 * paced by a token bucket. Pacing is what keeps UDP from overrunning: the engine's window allows up to
 * 96 datagrams in flight, and without pacing they would leave in one burst and overflow the receiver's
 * socket buffer (each loss then costs a retransmission). The bucket lets at most {@code burst} bytes go
 * above the configured rate; when it is empty the link schedules its own wake-up, and the engine's pull
 * loop stops at the socket's writability as well. The wake-up waits until {@link #WAKE_DATAGRAMS} full
 * datagrams' worth has come back, not the next datagram's: a link paced at 100 Mbit/s otherwise armed a
 * timer and woke its event loop about 9,000 times a second, once per datagram.
 */
final class UdpLink implements LinkPort {

    /** IPv4 + UDP headers, charged to the bucket so the rate is a wire rate. */
    private static final int HEADER_BYTES = 28;

    final InetSocketAddress address;
    final LinkCipher cipher;
    final boolean weInitiated;
    final byte[] actThree;
    final long establishedAt;
    final long rttHintNanos;
    private final UdpTransport transport;
    private final NodeId self;
    /** Full datagrams' worth of tokens an emptied bucket waits for before it wakes the link. */
    static final int WAKE_DATAGRAMS = 4;
    private static final int WIRE_DATAGRAM = UdpWire.MAX_DATAGRAM + HEADER_BYTES;
    /** Rates above this (1 TB/s) pace as this: the bucket's integer arithmetic stays far from overflow. */
    private static final long MAX_PACED_RATE = 1_000_000_000_000L;

    private final Pacer bucket;
    private boolean wakeupPending;
    boolean confirmed;
    long nextActThreeAt;
    LinkId id;

    UdpLink(UdpTransport transport, InetSocketAddress address, LinkCipher cipher, boolean weInitiated,
            byte[] actThree, long now, long rttHintNanos, long rate) {
        this.transport = transport;
        this.address = address;
        this.cipher = cipher;
        this.weInitiated = weInitiated;
        this.actThree = actThree;
        this.establishedAt = now;
        this.rttHintNanos = rttHintNanos;
        this.self = transport.self();
        // Two milliseconds at the rate, but at least a few full datagrams so slow links are not starved.
        this.bucket = new Pacer(Math.min(rate, MAX_PACED_RATE), 8 * WIRE_DATAGRAM);
        bucket.ready(now);
    }

    @Override
    public boolean ready(long now) {
        if (id == null || !cipher.canSend() || !transport.writable()) {
            return false;
        }
        if (bucket.ready(now)) {
            return true;
        }
        if (!wakeupPending) {
            wakeupPending = true;
            long wait = bucket.readyAt(now, WAKE_DATAGRAMS * WIRE_DATAGRAM) - now;
            transport.loop().schedule(this::wake, wait, TimeUnit.NANOSECONDS);
        }
        return false;
    }

    private void wake() {
        wakeupPending = false;
        if (id != null) {
            transport.driver().pump(id);
        }
    }

    @Override
    public void transmit(byte[] datagram) {
        long now = EngineDriver.now();
        // A due rekey offer rides along with data, so a busy link rotates on its frame count without a tick.
        for (byte[] control : cipher.poll(now)) {
            transport.send(address, UdpWire.FRAME, control, false);
        }
        byte[] frame = cipher.seal(datagram);
        bucket.spend(frame.length + 1 + HEADER_BYTES);
        transport.send(address, UdpWire.FRAME, frame, false);
    }

    @Override
    public void flush() {
        transport.flush();
    }

    @Override
    public void detached() {
        id = null;
        transport.linkDetached(this);
    }

    @Override
    public InetSocketAddress udpAddress() {
        return address;
    }

    @Override
    public NodeId peer() {
        return cipher.peer();
    }

    @Override
    public NodeId initiator() {
        return weInitiated ? self : cipher.peer();
    }

    @Override
    public String describe() {
        return "udp/" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
