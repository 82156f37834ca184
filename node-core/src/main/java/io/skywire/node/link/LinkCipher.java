package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The transport of one established link, sans I/O: seals and opens frames with a key per direction, rotates
 * each direction's key on time or frame count with an ephemeral ECDH exchange carried in control frames,
 * and refuses replayed, stale and forged frames with counted reasons. Time is passed in as monotonic
 * nanoseconds; nothing here reads a clock or touches a socket. Not thread-safe: one link, one thread.
 */
public final class LinkCipher {

    private final SendDirection send;
    private final ReceiveDirection receive;
    private final NodeId peer;
    private final long[] rejected = new long[LinkBreach.values().length];
    private long framesOpened;

    /**
     * Starts the transport from a completed handshake.
     *
     * @param nowNanos the current monotonic time; the first rotation is due one interval later
     */
    public LinkCipher(HandshakeResult handshake, RekeyPolicy policy, EphemeralKeySource ephemeralKeys,
                      long nowNanos) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ephemeralKeys, "ephemeralKeys");
        this.peer = handshake.remoteStatic();
        // Both directions start their rekey chains from the handshake's final chaining key; they diverge at
        // the first rotation because their transport keys and ephemeral secrets differ.
        this.send = new SendDirection(handshake.sendKey(), handshake.chainingKey(), policy, ephemeralKeys, nowNanos);
        this.receive = new ReceiveDirection(handshake.receiveKey(), handshake.chainingKey(), policy, ephemeralKeys);
    }

    /** The authenticated peer. */
    public NodeId peer() {
        return peer;
    }

    /** False while the current key's data budget is spent and a rekey is still unanswered. */
    public boolean canSend() {
        return send.canSendData();
    }

    /**
     * Seals application bytes into one frame.
     *
     * @throws LinkProtocolException ({@link LinkBreach#KEY_EXHAUSTED}) when {@link #canSend()} is false
     */
    public byte[] seal(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return send.sealData(payload, offset, length);
    }

    /** Seals a whole array; see {@link #seal(byte[], int, int)}. */
    public byte[] seal(byte[] payload) {
        return seal(payload, 0, payload.length);
    }

    /**
     * Control frames due now: a rekey offer when the interval or frame threshold is reached, or a
     * retransmission of an unanswered one. Call on every timer tick and before sending data.
     */
    public List<byte[]> poll(long nowNanos) {
        byte[] offer = send.pollOffer(nowNanos);
        return offer == null ? List.of() : List.of(offer);
    }

    /** Authenticates, checks for replay and decrypts one frame, then handles it if it is a control frame. */
    public Opened open(byte[] frame, long nowNanos) {
        try {
            byte[] plaintext = receive.open(frame, nowNanos);
            framesOpened++;
            LinkPlaintext message = LinkPlaintext.decode(plaintext);
            if (message instanceof LinkPlaintext.Data data) {
                return new Opened.Payload(data.payload());
            }
            if (message instanceof LinkPlaintext.RekeyOffer offer) {
                byte[] accept = receive.onOffer(offer);
                List<byte[]> replies = new ArrayList<>(1);
                if (accept != null) {
                    replies.add(send.sealControl(accept));
                }
                return new Opened.Control(replies, false);
            }
            boolean rotated = send.onAccept((LinkPlaintext.RekeyAccept) message, nowNanos);
            return new Opened.Control(List.of(), rotated);
        } catch (LinkProtocolException e) {
            rejected[e.breach().ordinal()]++;
            return new Opened.Rejected(e.breach(), e.getMessage());
        }
    }

    /** How many frames were refused for one reason. */
    public long rejected(LinkBreach breach) {
        return rejected[breach.ordinal()];
    }

    /** A snapshot of this link's counters. */
    public LinkCounters counters() {
        long other = rejected(LinkBreach.TRUNCATED_FRAME) + rejected(LinkBreach.BAD_COUNTER)
                + rejected(LinkBreach.MALFORMED_CONTROL) + rejected(LinkBreach.UNEXPECTED_REKEY)
                + rejected(LinkBreach.KEY_EXHAUSTED);
        return new LinkCounters(send.framesSealed(), framesOpened, send.epoch(), receive.epoch(),
                rejected(LinkBreach.REPLAYED), rejected(LinkBreach.TOO_OLD), rejected(LinkBreach.BAD_TAG),
                rejected(LinkBreach.UNKNOWN_EPOCH), other);
    }
}
