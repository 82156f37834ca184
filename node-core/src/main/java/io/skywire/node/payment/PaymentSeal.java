package io.skywire.node.payment;

import io.skywire.node.crypto.Aead;
import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of a PAYMENT frame: a message from a route's origin sealed to one hop with that hop's payment key
 * (derived from its onion layer secret), so that the hops in between see only ciphertext, cannot tell whose it
 * is, and cannot forge one. A hop tries to open every body with its own key and passes on what does not open.
 *
 * <p>Body: counter (8, big-endian) || ChaCha20-Poly1305(key, nonce = 4 zero bytes || counter, no aad, message).
 */
public final class PaymentSeal {

    /** Bytes a seal adds to a message: the counter and the tag. */
    public static final int OVERHEAD = 8 + Aead.TAG_BYTES;
    /** The largest message a body carries; a frame with it fits the smallest link MTU. */
    public static final int MAX_MESSAGE_BYTES = 384;
    /** Length of a route's payment salt. */
    public static final int SALT_BYTES = 16;
    private static final byte[] SALT_LABEL = "skywire payment salt".getBytes(StandardCharsets.US_ASCII);

    private final Aead aead;
    private final byte[] nonce = new byte[Aead.NONCE_BYTES];

    public PaymentSeal(Aead aead) {
        this.aead = aead;
    }

    /** Seals {@code message} under {@code key} with {@code counter}, which must never repeat under that key. */
    public byte[] seal(byte[] key, long counter, byte[] message) {
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("payment message above " + MAX_MESSAGE_BYTES + " bytes");
        }
        byte[] body = new byte[OVERHEAD + message.length];
        putLong(body, 0, counter);
        putLong(nonce, 4, counter);
        aead.seal(key, nonce, null, message, 0, message.length, body, 8);
        return body;
    }

    /** The message in {@code body} if it was sealed under {@code key}, else null (another hop's, or forged). */
    public byte[] open(byte[] key, byte[] body) {
        if (body.length < OVERHEAD || body.length > OVERHEAD + MAX_MESSAGE_BYTES) {
            return null;
        }
        System.arraycopy(body, 0, nonce, 4, 8);
        byte[] message = new byte[body.length - OVERHEAD];
        try {
            aead.open(key, nonce, null, body, 8, body.length - 8, message, 0);
        } catch (CryptoException e) {
            return null;
        }
        return message;
    }

    /**
     * A route's payment salt at one hop: HMAC-SHA256(payment key, "skywire payment salt")[0..16]. It names the
     * route to the hop's policy and, revealed at settlement, lets the escrow check whom the route's promises pay
     * without learning the key.
     */
    public static byte[] salt(byte[] paymentKey) {
        return Arrays.copyOf(Hashes.hmacSha256(paymentKey, SALT_LABEL), SALT_BYTES);
    }

    private static void putLong(byte[] buf, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            buf[at + i] = (byte) value;
            value >>>= 8;
        }
    }
}
