package io.skywire.node.link;

import io.skywire.node.identity.NodeId;

import java.util.Arrays;

/** The decrypted body of a transport frame: application data or a rekey control message. */
sealed interface LinkPlaintext permits LinkPlaintext.Data, LinkPlaintext.RekeyOffer, LinkPlaintext.RekeyAccept {

    byte TYPE_DATA = 0x00;
    byte TYPE_REKEY_OFFER = 0x01;
    byte TYPE_REKEY_ACCEPT = 0x02;
    /** type (1) + new epoch (4, big-endian) + ephemeral key (33). */
    int REKEY_BYTES = 38;

    /** Application bytes for the layer above. */
    record Data(byte[] payload) implements LinkPlaintext {
    }

    /** The sender of this frame proposes its next send epoch and contributes an ephemeral key. */
    record RekeyOffer(long epoch, byte[] ephemeralKey) implements LinkPlaintext {
    }

    /** The receiver of an offer accepts it, contributing its own ephemeral key. */
    record RekeyAccept(long epoch, byte[] ephemeralKey) implements LinkPlaintext {
    }

    static byte[] encodeData(byte[] payload, int offset, int length) {
        byte[] out = new byte[1 + length];
        out[0] = TYPE_DATA;
        System.arraycopy(payload, offset, out, 1, length);
        return out;
    }

    static byte[] encodeRekey(byte type, long epoch, byte[] ephemeralKey) {
        byte[] out = new byte[REKEY_BYTES];
        out[0] = type;
        out[1] = (byte) (epoch >>> 24);
        out[2] = (byte) (epoch >>> 16);
        out[3] = (byte) (epoch >>> 8);
        out[4] = (byte) epoch;
        System.arraycopy(ephemeralKey, 0, out, 5, NodeId.BYTES);
        return out;
    }

    /**
     * Parses an authenticated plaintext.
     *
     * @throws LinkProtocolException ({@link LinkBreach#MALFORMED_CONTROL}) on an unknown type, a wrong length
     *                               or an invalid ephemeral key
     */
    static LinkPlaintext decode(byte[] plaintext) {
        if (plaintext.length == 0) {
            throw new LinkProtocolException(LinkBreach.MALFORMED_CONTROL, "empty plaintext");
        }
        byte type = plaintext[0];
        if (type == TYPE_DATA) {
            return new Data(Arrays.copyOfRange(plaintext, 1, plaintext.length));
        }
        if (type != TYPE_REKEY_OFFER && type != TYPE_REKEY_ACCEPT) {
            throw new LinkProtocolException(LinkBreach.MALFORMED_CONTROL, "unknown plaintext type " + (type & 0xFF));
        }
        if (plaintext.length != REKEY_BYTES) {
            throw new LinkProtocolException(LinkBreach.MALFORMED_CONTROL,
                    "rekey message must be " + REKEY_BYTES + " bytes, was " + plaintext.length);
        }
        long epoch = ((plaintext[1] & 0xFFL) << 24) | ((plaintext[2] & 0xFFL) << 16)
                | ((plaintext[3] & 0xFFL) << 8) | (plaintext[4] & 0xFFL);
        byte[] key = Arrays.copyOfRange(plaintext, 5, REKEY_BYTES);
        try {
            HandshakeActs.validatePublicKey(key, "rekey ephemeral");
        } catch (HandshakeException e) {
            throw new LinkProtocolException(LinkBreach.MALFORMED_CONTROL, e.getMessage());
        }
        if (type == TYPE_REKEY_OFFER) {
            return new RekeyOffer(epoch, key);
        }
        return new RekeyAccept(epoch, key);
    }
}
