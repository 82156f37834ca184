package io.skywire.node.link;

import io.skywire.node.crypto.Aead;
import java.util.Arrays;

/**
 * The sending half of a link: seals frames under the current epoch's key and drives the rotation of that
 * key (offer, wait for accept, switch). It switches only after the peer's accept proves the peer already
 * holds the new receive key, so no frame is ever sealed under a key the peer cannot open.
 */
final class SendDirection {

    private static final long MAX_EPOCH = 0xFFFF_FFFFL;

    private final Aead aead = new Aead();
    private final RekeyPolicy policy;
    private final EphemeralKeySource ephemeralKeys;
    private long epoch;
    private byte[] key;
    private byte[] chainingKey;
    private long nextCounter;
    private long epochStartNanos;
    private PendingOffer pending;
    private long framesSealed;

    /** An offer sent and not yet accepted; its key pair is reused for retransmissions so they agree. */
    private static final class PendingOffer {
        final long epoch;
        final byte[] secret;
        final byte[] publicKey;
        long lastSentNanos;

        PendingOffer(long epoch, byte[] secret, byte[] publicKey, long lastSentNanos) {
            this.epoch = epoch;
            this.secret = secret;
            this.publicKey = publicKey;
            this.lastSentNanos = lastSentNanos;
        }
    }

    SendDirection(byte[] key, byte[] chainingKey, RekeyPolicy policy, EphemeralKeySource ephemeralKeys,
                  long nowNanos) {
        this.key = key.clone();
        this.chainingKey = chainingKey.clone();
        this.policy = policy;
        this.ephemeralKeys = ephemeralKeys;
        this.epochStartNanos = nowNanos;
    }

    /** False once the key's data budget is spent; control frames may still use the reserve. */
    boolean canSendData() {
        return nextCounter < policy.maxFramesPerKey() - RekeyPolicy.CONTROL_RESERVE;
    }

    byte[] sealData(byte[] payload, int offset, int length) {
        if (!canSendData()) {
            throw new LinkProtocolException(LinkBreach.KEY_EXHAUSTED,
                    "epoch " + epoch + " has sent " + nextCounter + " frames and the peer has not accepted a rekey");
        }
        return seal(LinkPlaintext.encodeData(payload, offset, length));
    }

    byte[] sealControl(byte[] plaintext) {
        return seal(plaintext);
    }

    /** A rekey offer to send now (new, or a retransmission of the pending one), or null. */
    byte[] pollOffer(long nowNanos) {
        if (pending != null) {
            if (nowNanos - pending.lastSentNanos < policy.retransmitInterval().toNanos()) {
                return null;
            }
            pending.lastSentNanos = nowNanos;
            return sealControl(LinkPlaintext.encodeRekey(LinkPlaintext.TYPE_REKEY_OFFER, pending.epoch,
                    pending.publicKey));
        }
        boolean timeDue = nowNanos - epochStartNanos >= policy.rotationInterval().toNanos();
        boolean countDue = nextCounter >= policy.rekeyAfterFrames();
        if (!(timeDue || countDue) || epoch >= MAX_EPOCH) {
            return null;
        }
        byte[] secret = ephemeralKeys.newSecretKey();
        pending = new PendingOffer(epoch + 1, secret, HandshakeActs.curve().publicKey(secret), nowNanos);
        return sealControl(LinkPlaintext.encodeRekey(LinkPlaintext.TYPE_REKEY_OFFER, pending.epoch,
                pending.publicKey));
    }

    /**
     * Completes the pending rotation when the peer accepts it.
     *
     * @return true when the send key changed; false for a duplicate accept of an epoch already in use
     * @throws LinkProtocolException when the accept names an epoch never offered
     */
    boolean onAccept(LinkPlaintext.RekeyAccept accept, long nowNanos) {
        if (pending == null || accept.epoch() != pending.epoch) {
            if (accept.epoch() <= epoch) {
                return false;
            }
            throw new LinkProtocolException(LinkBreach.UNEXPECTED_REKEY,
                    "accept for epoch " + accept.epoch() + " while at epoch " + epoch + " with no such offer");
        }
        byte[] shared = TransportFrame.ecdh(pending.secret, accept.ephemeralKey());
        byte[][] next = TransportFrame.nextKeys(chainingKey, key, shared);
        Arrays.fill(shared, (byte) 0);
        Arrays.fill(pending.secret, (byte) 0);
        Arrays.fill(key, (byte) 0);
        chainingKey = next[0];
        key = next[1];
        epoch = pending.epoch;
        nextCounter = 0;
        epochStartNanos = nowNanos;
        pending = null;
        return true;
    }

    long epoch() {
        return epoch;
    }

    long framesSealed() {
        return framesSealed;
    }

    private byte[] seal(byte[] plaintext) {
        if (nextCounter >= policy.maxFramesPerKey()) {
            throw new LinkProtocolException(LinkBreach.KEY_EXHAUSTED,
                    "epoch " + epoch + " reached " + policy.maxFramesPerKey() + " frames");
        }
        long counter = nextCounter++;
        byte[] header = TransportFrame.header(epoch, counter);
        byte[] frame = new byte[TransportFrame.HEADER_BYTES + plaintext.length + Aead.TAG_BYTES];
        System.arraycopy(header, 0, frame, 0, header.length);
        aead.seal(key, Nonces.of(counter), header, plaintext, 0, plaintext.length, frame, header.length);
        framesSealed++;
        return frame;
    }
}
