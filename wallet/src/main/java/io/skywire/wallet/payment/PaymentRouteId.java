package io.skywire.wallet.payment;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The route id a promise to a hop names: a commitment to the hop's payee key and the route's payment salt,
 * SHA-256("SKYWPAYR" || payee (33) || salt (16))[0..16]. The hop accepts only promises that name its own key, and
 * the escrow pays a promise only to the payee whose key and salt open the commitment and who signs the request,
 * so neither the origin nor anyone who sees a promise can have it settled to another account.
 */
public final class PaymentRouteId {

    /** Length of a route's payment salt (see io.skywire.node.payment.PaymentSeal). */
    public static final int SALT_BYTES = 16;
    private static final byte[] TAG = "SKYWPAYR".getBytes(StandardCharsets.US_ASCII);

    private PaymentRouteId() {
    }

    /** The 16-byte route id for promises to {@code payee} on the route with payment salt {@code salt}. */
    public static byte[] of(byte[] payee, byte[] salt) {
        if (payee.length != Secp256k1.PUBLIC_KEY_BYTES || salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("payee must be 33 bytes and salt 16");
        }
        return Arrays.copyOf(Hashes.sha256(TAG, payee, salt), PaymentPromise.ROUTE_ID_BYTES);
    }
}
