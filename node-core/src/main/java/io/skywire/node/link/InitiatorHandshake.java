package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import java.util.Arrays;
import java.util.Objects;

/**
 * The initiator's side of the Noise XK handshake (BOLT 8 style, three acts), sans I/O: it consumes and
 * produces byte arrays and reads no clock. Single use; any failure leaves it unusable.
 */
public final class InitiatorHandshake {

    private enum Step { START, SENT_ACT_ONE, DONE, FAILED }

    private final NoiseSymmetricState state;
    private final byte[] localSecret;
    private final byte[] localPublic;
    private final byte[] remoteStatic;
    private final EphemeralKeySource ephemeralKeys;
    private Step step = Step.START;
    private byte[] ephemeralSecret;
    private HandshakeResult result;

    /**
     * Prepares a handshake towards a responder whose static key is known in advance.
     *
     * @param localSecret   this node's static secret key
     * @param remoteStatic  the responder's static public key
     */
    public InitiatorHandshake(NoiseProfile profile, byte[] localSecret, NodeId remoteStatic,
                              EphemeralKeySource ephemeralKeys) {
        this.localSecret = localSecret.clone();
        this.localPublic = HandshakeActs.curve().publicKey(this.localSecret);
        this.remoteStatic = remoteStatic.key();
        this.ephemeralKeys = Objects.requireNonNull(ephemeralKeys, "ephemeralKeys");
        this.state = new NoiseSymmetricState(profile, this.remoteStatic);
    }

    /** Produces act one (50 bytes): version, ephemeral key, tag proving knowledge of the responder's key. */
    public byte[] actOne() {
        expect(Step.START, "actOne");
        ephemeralSecret = ephemeralKeys.newSecretKey();
        byte[] ephemeralPublic = HandshakeActs.curve().publicKey(ephemeralSecret);
        state.mixHash(ephemeralPublic);
        byte[] tempKey1 = state.mixKey(HandshakeActs.ecdh(ephemeralSecret, remoteStatic));
        byte[] tag = state.encryptAndHash(tempKey1, 0, HandshakeActs.EMPTY);
        step = Step.SENT_ACT_ONE;
        return HandshakeActs.concat(HandshakeActs.VERSION, ephemeralPublic, tag);
    }

    /**
     * Consumes act two and produces act three (66 bytes), which carries this node's encrypted static key.
     * Afterwards {@link #result()} holds the transport keys.
     *
     * @throws HandshakeException when act two is malformed or fails authentication
     */
    public byte[] actThree(byte[] actTwo) {
        expect(Step.SENT_ACT_ONE, "actThree");
        try {
            HandshakeActs.checkFrame(actTwo, HandshakeActs.ACT_TWO_BYTES, "act two");
            byte[] remoteEphemeral = HandshakeActs.publicKeyAt(actTwo, 1, "act two ephemeral");
            state.mixHash(remoteEphemeral);
            byte[] tempKey2 = state.mixKey(HandshakeActs.ecdh(ephemeralSecret, remoteEphemeral));
            state.decryptAndHash(tempKey2, 0, Arrays.copyOfRange(actTwo, 34, 50), "act two");

            byte[] sealedStatic = state.encryptAndHash(tempKey2, 1, localPublic);
            byte[] tempKey3 = state.mixKey(HandshakeActs.ecdh(localSecret, remoteEphemeral));
            byte[] tag = state.encryptAndHash(tempKey3, 0, HandshakeActs.EMPTY);
            byte[][] keys = state.split();
            result = new HandshakeResult(new NodeId(remoteStatic), keys[0], keys[1], state.chainingKey(),
                    state.hash(), true);
            step = Step.DONE;
            return HandshakeActs.concat(HandshakeActs.VERSION, sealedStatic, tag);
        } catch (HandshakeException e) {
            step = Step.FAILED;
            throw e;
        } finally {
            Arrays.fill(ephemeralSecret, (byte) 0);
        }
    }

    /** The transport keys; available once {@link #actThree} has returned. */
    public HandshakeResult result() {
        expect(Step.DONE, "result");
        return result;
    }

    private void expect(Step required, String operation) {
        if (step != required) {
            throw new HandshakeException(HandshakeException.Reason.WRONG_STATE,
                    operation + " called in state " + step);
        }
    }
}
