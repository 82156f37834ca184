package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import java.util.Arrays;
import java.util.Objects;

/**
 * The responder's side of the Noise XK handshake, sans I/O: it learns and authenticates the initiator's
 * static key in act three. Single use; any failure leaves it unusable.
 */
public final class ResponderHandshake {

    private enum Step { START, SENT_ACT_TWO, DONE, FAILED }

    private final NoiseSymmetricState state;
    private final byte[] localSecret;
    private final EphemeralKeySource ephemeralKeys;
    private Step step = Step.START;
    private byte[] ephemeralSecret;
    private byte[] remoteEphemeral;
    private byte[] tempKey2;

    /** Prepares to answer one initiator with this node's static secret key. */
    public ResponderHandshake(NoiseProfile profile, byte[] localSecret, EphemeralKeySource ephemeralKeys) {
        this.localSecret = localSecret.clone();
        this.ephemeralKeys = Objects.requireNonNull(ephemeralKeys, "ephemeralKeys");
        this.state = new NoiseSymmetricState(profile, HandshakeActs.curve().publicKey(this.localSecret));
    }

    /**
     * Consumes act one and produces act two (50 bytes).
     *
     * @throws HandshakeException when act one is malformed or was not made for this node's static key
     */
    public byte[] actTwo(byte[] actOne) {
        expect(Step.START, "actTwo");
        try {
            HandshakeActs.checkFrame(actOne, HandshakeActs.ACT_ONE_BYTES, "act one");
            remoteEphemeral = HandshakeActs.publicKeyAt(actOne, 1, "act one ephemeral");
            state.mixHash(remoteEphemeral);
            byte[] tempKey1 = state.mixKey(HandshakeActs.ecdh(localSecret, remoteEphemeral));
            state.decryptAndHash(tempKey1, 0, Arrays.copyOfRange(actOne, 34, 50), "act one");

            ephemeralSecret = ephemeralKeys.newSecretKey();
            byte[] ephemeralPublic = HandshakeActs.curve().publicKey(ephemeralSecret);
            state.mixHash(ephemeralPublic);
            tempKey2 = state.mixKey(HandshakeActs.ecdh(ephemeralSecret, remoteEphemeral));
            byte[] tag = state.encryptAndHash(tempKey2, 0, HandshakeActs.EMPTY);
            step = Step.SENT_ACT_TWO;
            return HandshakeActs.concat(HandshakeActs.VERSION, ephemeralPublic, tag);
        } catch (HandshakeException e) {
            step = Step.FAILED;
            throw e;
        }
    }

    /**
     * Consumes act three, authenticating the initiator's static key, and returns the transport keys.
     *
     * @throws HandshakeException when act three is malformed or fails authentication
     */
    public HandshakeResult actThree(byte[] actThree) {
        expect(Step.SENT_ACT_TWO, "actThree");
        try {
            HandshakeActs.checkFrame(actThree, HandshakeActs.ACT_THREE_BYTES, "act three");
            byte[] remoteStatic = state.decryptAndHash(tempKey2, 1, Arrays.copyOfRange(actThree, 1, 50),
                    "act three static key");
            HandshakeActs.validatePublicKey(remoteStatic, "act three static");
            byte[] tempKey3 = state.mixKey(HandshakeActs.ecdh(ephemeralSecret, remoteStatic));
            state.decryptAndHash(tempKey3, 0, Arrays.copyOfRange(actThree, 50, 66), "act three");
            byte[][] keys = state.split();
            step = Step.DONE;
            // keys[0] protects initiator-to-responder traffic, which this side receives.
            return new HandshakeResult(new NodeId(remoteStatic), keys[1], keys[0], state.chainingKey(),
                    state.hash(), false);
        } catch (HandshakeException e) {
            step = Step.FAILED;
            throw e;
        } finally {
            Arrays.fill(ephemeralSecret, (byte) 0);
        }
    }

    private void expect(Step required, String operation) {
        if (step != required) {
            throw new HandshakeException(HandshakeException.Reason.WRONG_STATE,
                    operation + " called in state " + step);
        }
    }
}
