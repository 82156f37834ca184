package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.payment.SignedPromise;
import java.util.Arrays;

/**
 * What a route's origin tells each paid hop, inside the engine's sealed PAYMENT frames (docs/PROTOCOL.md,
 * section 7): first the escrow's attestation of its pseudonym's locked balance, then signed cumulative promises.
 */
public sealed interface PaymentMessage {

    /** Type byte of {@link Open}. */
    int OPEN = 0x01;
    /** Type byte of {@link Promise}. */
    int PROMISE = 0x02;

    /** The message's bytes: its type, then its body. */
    byte[] encode();

    /** The escrow's attestation of the paying pseudonym's balance, sent once per hop right after setup. */
    record Open(Attestation attestation) implements PaymentMessage {
        /** Encoded length: type, statement, signature. */
        public static final int BYTES = 1 + Attestation.STATEMENT_BYTES + Secp256k1.SIGNATURE_BYTES;

        @Override
        public byte[] encode() {
            byte[] out = new byte[BYTES];
            out[0] = OPEN;
            System.arraycopy(attestation.statement(), 0, out, 1, Attestation.STATEMENT_BYTES);
            System.arraycopy(attestation.signature(), 0, out, 1 + Attestation.STATEMENT_BYTES,
                    Secp256k1.SIGNATURE_BYTES);
            return out;
        }
    }

    /** A signed cumulative promise for this hop. */
    record Promise(SignedPromise promise) implements PaymentMessage {
        /** Encoded length: type and signed promise. */
        public static final int BYTES = 1 + SignedPromise.ENCODED_BYTES;

        @Override
        public byte[] encode() {
            byte[] out = new byte[BYTES];
            out[0] = PROMISE;
            System.arraycopy(promise.encode(), 0, out, 1, SignedPromise.ENCODED_BYTES);
            return out;
        }
    }

    /**
     * Parses a message; signatures are checked by the hop's policy, not here.
     *
     * @throws IllegalArgumentException when the type is unknown or the body is not that type's
     */
    static PaymentMessage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty payment message");
        }
        byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
        switch (bytes[0]) {
            case OPEN -> {
                if (bytes.length != Open.BYTES) {
                    throw new IllegalArgumentException("an open message is " + Open.BYTES + " bytes, got "
                            + bytes.length);
                }
                return new Open(Attestation.decode(Arrays.copyOf(body, Attestation.STATEMENT_BYTES),
                        Arrays.copyOfRange(body, Attestation.STATEMENT_BYTES, body.length)));
            }
            case PROMISE -> {
                // PromiseFormatException is an IllegalArgumentException.
                return new Promise(SignedPromise.decode(body));
            }
            default -> throw new IllegalArgumentException("unknown payment message type " + (bytes[0] & 0xff));
        }
    }
}
