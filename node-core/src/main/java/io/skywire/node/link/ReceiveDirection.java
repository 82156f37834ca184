package io.skywire.node.link;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.CryptoException;
import java.util.Arrays;

/**
 * The receiving half of a link: holds up to three keys (previous, current, and the next one already
 * accepted but not yet used by the peer), each with its own replay window, and answers rekey offers.
 * Three consecutive epochs differ in their low byte, so the header's epoch byte selects a key unambiguously.
 */
final class ReceiveDirection {

    private final Aead aead = new Aead();
    private final RekeyPolicy policy;
    private final EphemeralKeySource ephemeralKeys;
    private Slot previous;
    private Slot current;
    private Slot next;
    private AcceptedOffer lastAccepted;
    private long rotations;

    /** One receive key and its replay window. */
    private static final class Slot {
        final long epoch;
        final byte[] key;
        final byte[] chainingKey;
        final ReplayWindow window = new ReplayWindow();
        long retireAtNanos = Long.MAX_VALUE;

        Slot(long epoch, byte[] key, byte[] chainingKey) {
            this.epoch = epoch;
            this.key = key;
            this.chainingKey = chainingKey;
        }

        void destroy() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(chainingKey, (byte) 0);
        }
    }

    /** The last offer answered, so a retransmitted offer gets the identical accept. */
    private record AcceptedOffer(long epoch, byte[] offerKey, byte[] acceptKey) {
    }

    ReceiveDirection(byte[] key, byte[] chainingKey, RekeyPolicy policy, EphemeralKeySource ephemeralKeys) {
        this.current = new Slot(0, key.clone(), chainingKey.clone());
        this.policy = policy;
        this.ephemeralKeys = ephemeralKeys;
    }

    /**
     * Authenticates and decrypts one frame.
     *
     * @throws LinkProtocolException with the reason the frame was refused; the receive state is then unchanged
     */
    byte[] open(byte[] frame, long nowNanos) {
        if (frame.length < TransportFrame.MIN_BYTES) {
            throw new LinkProtocolException(LinkBreach.TRUNCATED_FRAME, "frame of " + frame.length + " bytes");
        }
        retireExpired(nowNanos);
        long counter = TransportFrame.counter(frame);
        if (counter < 0 || counter >= policy.maxFramesPerKey()) {
            throw new LinkProtocolException(LinkBreach.BAD_COUNTER, "counter " + Long.toUnsignedString(counter));
        }
        Slot slot = slotFor(TransportFrame.epochByte(frame));
        if (slot == null) {
            throw new LinkProtocolException(LinkBreach.UNKNOWN_EPOCH,
                    "epoch byte " + TransportFrame.epochByte(frame) + " at epoch " + current.epoch);
        }
        ReplayWindow.Verdict verdict = slot.window.check(counter);
        if (verdict == ReplayWindow.Verdict.REPLAYED) {
            throw new LinkProtocolException(LinkBreach.REPLAYED, "counter " + counter + " in epoch " + slot.epoch);
        }
        if (verdict == ReplayWindow.Verdict.TOO_OLD) {
            throw new LinkProtocolException(LinkBreach.TOO_OLD, "counter " + counter + " in epoch " + slot.epoch);
        }
        byte[] header = Arrays.copyOf(frame, TransportFrame.HEADER_BYTES);
        byte[] plaintext = new byte[frame.length - TransportFrame.HEADER_BYTES - Aead.TAG_BYTES];
        try {
            aead.open(slot.key, Nonces.of(counter), header, frame, TransportFrame.HEADER_BYTES,
                    frame.length - TransportFrame.HEADER_BYTES, plaintext, 0);
        } catch (CryptoException e) {
            // Aead copes with the JDK's refusal to re-init with the same key and nonce, so the genuine frame that
            // a forged one imitated still opens afterwards (LinkCipherTest checks it).
            throw new LinkProtocolException(LinkBreach.BAD_TAG, "counter " + counter + " in epoch " + slot.epoch);
        }
        slot.window.mark(counter);
        if (slot == next) {
            promoteNext(nowNanos);
        }
        return plaintext;
    }

    /**
     * Answers a rekey offer that arrived authenticated: installs the next receive key and returns the accept
     * plaintext to send back, or null for a stale offer that needs no answer.
     */
    byte[] onOffer(LinkPlaintext.RekeyOffer offer) {
        if (next != null && offer.epoch() == next.epoch) {
            // Our accept was lost and the peer retransmitted; answer identically so both derive the same key.
            if (lastAccepted != null && Arrays.equals(lastAccepted.offerKey(), offer.ephemeralKey())) {
                return LinkPlaintext.encodeRekey(LinkPlaintext.TYPE_REKEY_ACCEPT, offer.epoch(),
                        lastAccepted.acceptKey());
            }
            throw new LinkProtocolException(LinkBreach.UNEXPECTED_REKEY,
                    "second offer for epoch " + offer.epoch() + " with a different key");
        }
        if (offer.epoch() <= current.epoch) {
            return null;
        }
        if (offer.epoch() != current.epoch + 1 || next != null) {
            throw new LinkProtocolException(LinkBreach.UNEXPECTED_REKEY,
                    "offer for epoch " + offer.epoch() + " while at epoch " + current.epoch);
        }
        byte[] secret = ephemeralKeys.newSecretKey();
        byte[] acceptKey = HandshakeActs.curve().publicKey(secret);
        byte[] shared = TransportFrame.ecdh(secret, offer.ephemeralKey());
        byte[][] keys = TransportFrame.nextKeys(current.chainingKey, current.key, shared);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(shared, (byte) 0);
        next = new Slot(offer.epoch(), keys[1], keys[0]);
        lastAccepted = new AcceptedOffer(offer.epoch(), offer.ephemeralKey(), acceptKey);
        return LinkPlaintext.encodeRekey(LinkPlaintext.TYPE_REKEY_ACCEPT, offer.epoch(), acceptKey);
    }

    long epoch() {
        return current.epoch;
    }

    long rotations() {
        return rotations;
    }

    private Slot slotFor(int epochByte) {
        if ((current.epoch & 0xFF) == epochByte) {
            return current;
        }
        if (next != null && (next.epoch & 0xFF) == epochByte) {
            return next;
        }
        if (previous != null && (previous.epoch & 0xFF) == epochByte) {
            return previous;
        }
        return null;
    }

    private void promoteNext(long nowNanos) {
        if (previous != null) {
            previous.destroy();
        }
        previous = current;
        previous.retireAtNanos = nowNanos + policy.previousKeyGrace().toNanos();
        current = next;
        next = null;
        rotations++;
    }

    private void retireExpired(long nowNanos) {
        if (previous != null && nowNanos - previous.retireAtNanos >= 0) {
            previous.destroy();
            previous = null;
        }
    }
}
