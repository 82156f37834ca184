package io.skywire.node.runtime;

import io.skywire.node.engine.LinkId;
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
 * loop stops at the socket's writability as well.
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
    private final double bytesPerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;
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
        this.bytesPerNano = rate / 1e9;
        // Two milliseconds at the rate, but at least a few full datagrams so slow links are not starved.
        this.burst = Math.max(rate / 500.0, 8.0 * (UdpWire.MAX_DATAGRAM + HEADER_BYTES));
        this.tokens = burst;
        this.refilledAt = now;
    }

    @Override
    public boolean ready(long now) {
        if (id == null || !cipher.canSend() || !transport.writable()) {
            return false;
        }
        tokens = Math.min(burst, tokens + (now - refilledAt) * bytesPerNano);
        refilledAt = now;
        if (tokens > 0) {
            return true;
        }
        if (!wakeupPending) {
            wakeupPending = true;
            long wait = (long) Math.ceil((1 - tokens) / bytesPerNano);
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
        tokens -= frame.length + 1 + HEADER_BYTES;
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
