package io.skywire.node.runtime;

import io.skywire.node.identity.NodeId;
import io.skywire.node.link.HandshakeException;
import io.skywire.node.link.HandshakeResult;
import io.skywire.node.link.InitiatorHandshake;
import io.skywire.node.link.LinkCipher;
import io.skywire.node.link.LinkSettings;
import io.skywire.node.link.ResponderHandshake;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The handshake state for one remote UDP address. The three acts travel one per datagram, and UDP loses
 * them, so: the initiator resends act one with back-off until act two comes; the responder answers a
 * repeated act one with its stored act two (never a second ephemeral key); the initiator resends act three
 * until the first authenticated frame from the responder confirms the link (the responder sends an empty
 * frame for that), and only then gives the link to the engine; a repeated act three is answered with another
 * confirmation.
 */
final class UdpPeer {

    static final long FIRST_RETRANSMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long MAX_RETRANSMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    final InetSocketAddress address;
    /** The key we dial at this address, or null when we only answer. */
    final NodeId dialTo;
    private final UdpTransport transport;
    private final LinkSettings settings;
    private InitiatorHandshake initiator;
    private byte[] actOne;
    private long actOneSentAt;
    private boolean actOneRepeated;
    private long nextActOneAt = Long.MAX_VALUE;
    private long backoff = FIRST_RETRANSMIT_NANOS;
    private ResponderHandshake responder;
    private byte[] answeredActOne;
    private byte[] actTwo;
    private long actTwoSentAt;
    private boolean actTwoRepeated;
    private long responderSince;
    UdpLink link;

    UdpPeer(UdpTransport transport, LinkSettings settings, InetSocketAddress address, NodeId dialTo) {
        this.transport = transport;
        this.settings = settings;
        this.address = address;
        this.dialTo = dialTo;
    }

    /** The link was lost: dial again if this is a static peer. */
    void lost(UdpLink lostLink, long now) {
        if (link == lostLink) {
            link = null;
            if (dialTo != null) {
                redialLater(now);
            }
        }
    }

    /** Nothing pending, nothing established, nobody to dial: the entry can go. */
    boolean idle() {
        return dialTo == null && initiator == null && responder == null && link == null;
    }

    boolean responding() {
        return responder != null;
    }

    void dial(long now) {
        initiator = new InitiatorHandshake(settings.profile(), transport.secret(), dialTo, settings.ephemeralKeys());
        actOne = initiator.actOne();
        backoff = FIRST_RETRANSMIT_NANOS;
        actOneRepeated = false;
        sendActOne(now);
    }

    /** Dials again after the link was lost, once the first back-off has passed. */
    void redialLater(long now) {
        initiator = null;
        nextActOneAt = now + FIRST_RETRANSMIT_NANOS;
    }

    private void sendActOne(long now) {
        actOneSentAt = now;
        nextActOneAt = now + backoff;
        backoff = Math.min(MAX_RETRANSMIT_NANOS, backoff * 2);
        transport.send(address, UdpWire.ACT_ONE, actOne, true);
    }

    void onActOne(byte[] act, long now) {
        boolean linked = link != null && link.confirmed;
        if (dialTo != null && !linked && transport.dialWins(dialTo)) {
            // Both sides dial each other: the dial of the node with the smaller key wins, on both sides, so
            // exactly one link results; the other node answers our act one instead.
            return;
        }
        if (dialTo != null && !linked) {
            // Keep a fallback: dial again if the neighbour's handshake never completes.
            initiator = null;
            nextActOneAt = now + settings.handshakeTimeout().toNanos();
            link = null;
        }
        if (responder != null && Arrays.equals(act, answeredActOne)) {
            transport.count(UdpCounter.ACTS_RETRANSMITTED);
            actTwoSentAt = now;
            actTwoRepeated = true;
            transport.send(address, UdpWire.ACT_TWO, actTwo, true);
            return;
        }
        ResponderHandshake fresh = new ResponderHandshake(settings.profile(), transport.secret(),
                settings.ephemeralKeys());
        try {
            actTwo = fresh.actTwo(act);
        } catch (HandshakeException e) {
            transport.handshakeFailed(address, "act one", e);
            return;
        }
        responder = fresh;
        answeredActOne = act;
        responderSince = now;
        actTwoSentAt = now;
        actTwoRepeated = false;
        transport.send(address, UdpWire.ACT_TWO, actTwo, true);
    }

    void onActTwo(byte[] act, long now) {
        if (initiator == null) {
            transport.count(UdpCounter.UNAUTHENTICATED_DROPPED);
            return;
        }
        byte[] actThree;
        try {
            actThree = initiator.actThree(act);
        } catch (HandshakeException e) {
            // The handshake object is spent; a fresh act one goes out at the next retransmission.
            initiator = null;
            transport.handshakeFailed(address, "act two", e);
            return;
        }
        HandshakeResult result = initiator.result();
        initiator = null;
        nextActOneAt = Long.MAX_VALUE;
        transport.send(address, UdpWire.ACT_THREE, actThree, true);
        // After a retransmission the answer may belong to an earlier copy: no RTT sample is better than a wrong one
        // (an RTT of seconds would make the engine recover every loss seconds late).
        long rttHint = actOneRepeated ? 0 : now - actOneSentAt;
        UdpLink fresh = new UdpLink(transport, address, cipher(result, now), true, actThree, now, rttHint,
                transport.rate());
        fresh.nextActThreeAt = now + FIRST_RETRANSMIT_NANOS;
        if (link != null && link.confirmed) {
            // A confirmed link still stands (we redialled a live neighbour); the engine arbitrates on confirmation.
            transport.discardUnconfirmed(fresh);
            return;
        }
        link = fresh;
    }

    void onActThree(byte[] act, long now) {
        if (responder == null) {
            if (link != null && !link.weInitiated && Arrays.equals(act, link.actThree)) {
                // Our confirmation was lost; the initiator is still waiting for it.
                transport.count(UdpCounter.ACTS_RETRANSMITTED);
                transport.confirm(link);
            } else {
                transport.count(UdpCounter.UNAUTHENTICATED_DROPPED);
            }
            return;
        }
        HandshakeResult result;
        try {
            result = responder.actThree(act);
        } catch (HandshakeException e) {
            responder = null;
            transport.handshakeFailed(address, "act three", e);
            return;
        }
        responder = null;
        long rttHint = actTwoRepeated ? 0 : now - actTwoSentAt;
        UdpLink fresh = new UdpLink(transport, address, cipher(result, now), false, act, now, rttHint,
                transport.rate());
        fresh.confirmed = true;
        if (transport.install(this, fresh)) {
            transport.confirm(fresh);
        }
    }

    /** Retransmissions and expiries, run by the transport's tick. */
    void tick(long now) {
        long timeout = settings.handshakeTimeout().toNanos();
        if (dialTo != null && link == null && now >= nextActOneAt) {
            if (initiator == null) {
                dial(now);
            } else {
                transport.count(UdpCounter.ACTS_RETRANSMITTED);
                actOneRepeated = true;
                sendActOne(now);
            }
        }
        if (responder != null && now - responderSince > timeout) {
            responder = null;
        }
        if (link != null && !link.confirmed) {
            if (now - link.establishedAt > timeout) {
                link = null;
                if (dialTo != null) {
                    redialLater(now);
                }
            } else if (now >= link.nextActThreeAt) {
                link.nextActThreeAt = now + FIRST_RETRANSMIT_NANOS;
                transport.count(UdpCounter.ACTS_RETRANSMITTED);
                transport.send(address, UdpWire.ACT_THREE, link.actThree, true);
            }
        }
    }

    private LinkCipher cipher(HandshakeResult result, long now) {
        return new LinkCipher(result, settings.rekeyPolicy(), settings.ephemeralKeys(), now);
    }
}
