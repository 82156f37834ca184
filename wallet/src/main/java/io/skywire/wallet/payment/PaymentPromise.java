package io.skywire.wallet.payment;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.ledger.Droplets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An origin's cumulative promise to pay a hop for a route: "on this route, my pseudonym owes you this much in
 * total"; a later promise (higher sequence number) replaces every earlier one. Encoded canonically as in
 * docs/WALLET-FORMAT.md; the signature covers SHA-256 of that encoding.
 *
 * @param pseudonym the payer's pseudonym, a 33-byte compressed secp256k1 public key
 * @param routeId the 16-byte route id at the hop
 * @param totalOwed everything owed on this route so far, never negative
 * @param sequence the promise's number on this route, from 1
 */
public record PaymentPromise(byte[] pseudonym, byte[] routeId, Droplets totalOwed, long sequence) {

    /** Domain tag at the start of every encoding, so a promise signature means nothing else. */
    static final byte[] TAG = "SKYWPROM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    public static final int ROUTE_ID_BYTES = 16;
    public static final int ENCODED_BYTES = 8 + 1 + Secp256k1.PUBLIC_KEY_BYTES + ROUTE_ID_BYTES + 8 + 8;

    public PaymentPromise {
        if (pseudonym.length != Secp256k1.PUBLIC_KEY_BYTES || (pseudonym[0] != 0x02 && pseudonym[0] != 0x03)) {
            throw new PromiseFormatException("pseudonym must be a 33-byte compressed public key");
        }
        if (routeId.length != ROUTE_ID_BYTES) {
            throw new PromiseFormatException("route id must be 16 bytes, was " + routeId.length);
        }
        if (totalOwed.isNegative()) {
            throw new PromiseFormatException("total owed must not be negative, was " + totalOwed);
        }
        if (sequence < 1) {
            throw new PromiseFormatException("sequence must be at least 1, was " + sequence);
        }
        pseudonym = pseudonym.clone();
        routeId = routeId.clone();
    }

    /** The canonical 74-byte encoding. */
    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_BYTES)
                .put(TAG)
                .put((byte) VERSION)
                .put(pseudonym)
                .put(routeId)
                .putLong(totalOwed.value())
                .putLong(sequence)
                .array();
    }

    /**
     * Parses a canonical encoding.
     *
     * @throws PromiseFormatException when the length, tag, version or any field is wrong
     */
    public static PaymentPromise decode(byte[] encoded) {
        if (encoded.length != ENCODED_BYTES) {
            throw new PromiseFormatException("a promise is " + ENCODED_BYTES + " bytes, got " + encoded.length);
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        byte[] tag = new byte[TAG.length];
        in.get(tag);
        if (!Arrays.equals(tag, TAG)) {
            throw new PromiseFormatException("not a payment promise (bad tag)");
        }
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new PromiseFormatException("promise version " + version + " is not supported");
        }
        byte[] pseudonym = new byte[Secp256k1.PUBLIC_KEY_BYTES];
        in.get(pseudonym);
        byte[] routeId = new byte[ROUTE_ID_BYTES];
        in.get(routeId);
        return new PaymentPromise(pseudonym, routeId, Droplets.of(in.getLong()), in.getLong());
    }

    /** The 32-byte hash that is signed: SHA-256 of the encoding. */
    public byte[] signingHash() {
        return Hashes.sha256(encode());
    }

    /** Signs this promise with the pseudonym's secret key. */
    public SignedPromise sign(Secp256k1 secp256k1, byte[] pseudonymSecret) {
        return new SignedPromise(this, secp256k1.sign(pseudonymSecret, signingHash()));
    }

    @Override
    public byte[] pseudonym() {
        return pseudonym.clone();
    }

    @Override
    public byte[] routeId() {
        return routeId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PaymentPromise that && sequence == that.sequence
                && totalOwed.equals(that.totalOwed) && Arrays.equals(pseudonym, that.pseudonym)
                && Arrays.equals(routeId, that.routeId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "PaymentPromise[" + hex.formatHex(pseudonym) + " route " + hex.formatHex(routeId) + " #" + sequence
                + " owes " + totalOwed + "]";
    }
}
