package io.skywire.wallet.escrow;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.ledger.Droplets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * The escrow's signed statement that a pseudonym's balance is locked until an expiry, with a summary of what has
 * been settled from it; a hop checks it at route setup and learns only the pseudonym. Canonical bytes in
 * docs/WALLET-FORMAT.md.
 *
 * @param escrowKey the escrow's attestation key (33 bytes)
 * @param pseudonym the payer's pseudonym (33 bytes)
 * @param lockedBalance what the pseudonym holds, locked against issuance until expiry
 * @param settledTotal everything settled from the pseudonym's promises so far
 * @param settledCount how many routes' promises have been settled from it
 * @param expiry epoch seconds
 * @param signature the escrow key's compact signature of SHA-256 of {@link #statement()}
 */
public record Attestation(byte[] escrowKey, byte[] pseudonym, Droplets lockedBalance, Droplets settledTotal,
                          long settledCount, long expiry, byte[] signature) {

    static final byte[] TAG = "SKYWATST".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Length of {@link #statement()}. */
    public static final int STATEMENT_BYTES = 8 + 1 + 33 + 33 + 8 + 8 + 8 + 8;

    public Attestation {
        escrowKey = escrowKey.clone();
        pseudonym = pseudonym.clone();
        signature = signature.clone();
    }

    static Attestation sign(Secp256k1 secp256k1, byte[] escrowSecret, byte[] pseudonym, Droplets lockedBalance,
                            Droplets settledTotal, long settledCount, long expiry) {
        Attestation unsigned = new Attestation(secp256k1.publicKey(escrowSecret), pseudonym, lockedBalance,
                settledTotal, settledCount, expiry, new byte[Secp256k1.SIGNATURE_BYTES]);
        return new Attestation(unsigned.escrowKey, pseudonym, lockedBalance, settledTotal, settledCount, expiry,
                secp256k1.sign(escrowSecret, Hashes.sha256(unsigned.statement())));
    }

    /**
     * Parses a statement and its signature; the signature is checked by {@link #problem}, not here.
     *
     * @throws IllegalArgumentException when the statement's length, tag, version or amounts are wrong
     */
    public static Attestation decode(byte[] statement, byte[] signature) {
        if (statement.length != STATEMENT_BYTES || signature.length != Secp256k1.SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an attestation is a " + STATEMENT_BYTES + "-byte statement and a "
                    + Secp256k1.SIGNATURE_BYTES + "-byte signature");
        }
        ByteBuffer in = ByteBuffer.wrap(statement);
        byte[] tag = new byte[TAG.length];
        in.get(tag);
        if (!Arrays.equals(tag, TAG) || (in.get() & 0xff) != VERSION) {
            throw new IllegalArgumentException("not an attestation statement of version " + VERSION);
        }
        byte[] escrowKey = new byte[Secp256k1.PUBLIC_KEY_BYTES];
        in.get(escrowKey);
        byte[] pseudonym = new byte[Secp256k1.PUBLIC_KEY_BYTES];
        in.get(pseudonym);
        long locked = in.getLong();
        long settled = in.getLong();
        long count = in.getLong();
        long expiry = in.getLong();
        if (locked < 0 || settled < 0 || count < 0) {
            throw new IllegalArgumentException("attestation amounts must not be negative");
        }
        return new Attestation(escrowKey, pseudonym, Droplets.of(locked), Droplets.of(settled), count, expiry,
                signature);
    }

    /** The canonical statement the signature covers. */
    public byte[] statement() {
        return ByteBuffer.allocate(STATEMENT_BYTES).put(TAG).put((byte) VERSION).put(escrowKey).put(pseudonym)
                .putLong(lockedBalance.value()).putLong(settledTotal.value()).putLong(settledCount).putLong(expiry)
                .array();
    }

    /**
     * A hop's check at route setup: signed by the escrow it trusts, about the pseudonym that pays, not expired.
     *
     * @return null when valid, else the reason it is not
     */
    public String problem(Secp256k1 secp256k1, byte[] trustedEscrowKey, byte[] payer, Instant now) {
        if (!Arrays.equals(escrowKey, trustedEscrowKey)) {
            return "attestation is from another escrow";
        }
        if (!Arrays.equals(pseudonym, payer)) {
            return "attestation is about another pseudonym";
        }
        if (expiry <= now.getEpochSecond()) {
            return "attestation expired";
        }
        try {
            if (!secp256k1.verify(signature, Hashes.sha256(statement()), escrowKey)) {
                return "attestation signature does not verify";
            }
        } catch (CryptoException e) {
            return "attestation signature is malformed";
        }
        return null;
    }

    @Override
    public byte[] escrowKey() {
        return escrowKey.clone();
    }

    @Override
    public byte[] pseudonym() {
        return pseudonym.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
