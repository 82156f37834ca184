package io.skywire.wallet.escrow;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.blind.Token;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.SignedPromise;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The requests an account signs before the escrow moves its money, and the signed hashes they carry; the byte
 * layouts are in docs/WALLET-FORMAT.md.
 */
public final class EscrowRequests {

    static final byte[] ISSUE_TAG = tag("SKYWISSU");
    static final byte[] ATTEST_TAG = tag("SKYWATRQ");
    static final byte[] WITHDRAW_TAG = tag("SKYWWDRQ");
    static final byte[] SETTLE_TAG = tag("SKYWSTRQ");
    /** Length of a request id: random, chosen by the client, so a repeated request is recognised. */
    public static final int REQUEST_ID_BYTES = 16;
    /** Most blinded messages in one issuance. */
    public static final int MAX_OUTPUTS = 64;

    private EscrowRequests() {
    }

    /** A blinded message B_ for a token of {@code amount} (a power of two droplets). */
    public record BlindedOutput(Droplets amount, byte[] blindedMessage) {
        public BlindedOutput {
            blindedMessage = blindedMessage.clone();
        }

        @Override
        public byte[] blindedMessage() {
            return blindedMessage.clone();
        }
    }

    /** An unblinded token and its denomination, as presented for redemption. */
    public record PaidToken(Droplets amount, Token token) {
    }

    /**
     * Blind issuance: debit {@code account} by the outputs' sum and sign each blinded message.
     *
     * @param account the depositing account's public key (33 bytes)
     * @param requestId 16 random bytes
     * @param outputs 1..64 blinded messages
     * @param signature the account key's signature of {@link #signingHash()}
     */
    public record Issue(byte[] account, byte[] requestId, List<BlindedOutput> outputs, byte[] signature) {
        public Issue {
            outputs = List.copyOf(outputs);
            checkSizes(account, requestId, signature);
            if (outputs.isEmpty() || outputs.size() > MAX_OUTPUTS) {
                throw new EscrowRefusedException(EscrowRefusedException.Reason.BAD_REQUEST,
                        "an issuance has 1.." + MAX_OUTPUTS + " outputs, got " + outputs.size());
            }
        }

        /** Signs an issuance with the account's secret key. */
        public static Issue sign(Secp256k1 secp256k1, byte[] accountSecret, byte[] requestId,
                                 List<BlindedOutput> outputs) {
            byte[] account = secp256k1.publicKey(accountSecret);
            byte[] hash = hash(account, requestId, outputs);
            return new Issue(account, requestId, outputs, secp256k1.sign(accountSecret, hash));
        }

        /** SHA-256 of tag, account, request id, count (2 bytes), then each amount (8) and B_ (33). */
        public byte[] signingHash() {
            return hash(account, requestId, outputs);
        }

        private static byte[] hash(byte[] account, byte[] requestId, List<BlindedOutput> outputs) {
            ByteBuffer body = ByteBuffer.allocate(ISSUE_TAG.length + 33 + REQUEST_ID_BYTES + 2 + outputs.size() * 41);
            body.put(ISSUE_TAG).put(account).put(requestId).putShort((short) outputs.size());
            for (BlindedOutput output : outputs) {
                body.putLong(output.amount().value()).put(output.blindedMessage());
            }
            return Hashes.sha256(body.array());
        }

        /** The sum of the outputs. */
        public Droplets total() {
            Droplets total = Droplets.ZERO;
            for (BlindedOutput output : outputs) {
                total = total.plus(output.amount());
            }
            return total;
        }
    }

    /**
     * The holder of a pseudonym asks for an attestation of its balance, locking that balance against issuance
     * until {@code expiry}.
     *
     * @param pseudonym 33-byte public key
     * @param expiry epoch seconds
     * @param signature the pseudonym key's signature of {@link #signingHash()}
     */
    public record Attest(byte[] pseudonym, long expiry, byte[] signature) {
        public Attest {
            checkSizes(pseudonym, new byte[REQUEST_ID_BYTES], signature);
        }

        /** Signs an attestation request. */
        public static Attest sign(Secp256k1 secp256k1, byte[] secret, long expiry) {
            byte[] pseudonym = secp256k1.publicKey(secret);
            return new Attest(pseudonym, expiry, secp256k1.sign(secret, hash(pseudonym, expiry)));
        }

        /** SHA-256 of tag, pseudonym, expiry (8). */
        public byte[] signingHash() {
            return hash(pseudonym, expiry);
        }

        private static byte[] hash(byte[] pseudonym, long expiry) {
            return Hashes.sha256(ATTEST_TAG, pseudonym, ByteBuffer.allocate(8).putLong(expiry).array());
        }
    }

    /**
     * A payee asks for its whole balance to be paid to {@code address} on the chain.
     *
     * @param pseudonym the payee's 33-byte public key
     * @param requestId 16 random bytes
     * @param address a never-used address of the payee's wallet
     * @param signature the pseudonym key's signature of {@link #signingHash()}
     */
    public record Withdraw(byte[] pseudonym, byte[] requestId, SkycoinAddress address, byte[] signature) {
        public Withdraw {
            checkSizes(pseudonym, requestId, signature);
        }

        /** Signs a withdrawal request. */
        public static Withdraw sign(Secp256k1 secp256k1, byte[] secret, byte[] requestId, SkycoinAddress address) {
            byte[] pseudonym = secp256k1.publicKey(secret);
            return new Withdraw(pseudonym, requestId, address,
                    secp256k1.sign(secret, hash(pseudonym, requestId, address)));
        }

        /** SHA-256 of tag, pseudonym, request id, address key hash (20) and version (1). */
        public byte[] signingHash() {
            return hash(pseudonym, requestId, address);
        }

        private static byte[] hash(byte[] pseudonym, byte[] requestId, SkycoinAddress address) {
            return Hashes.sha256(WITHDRAW_TAG, pseudonym, requestId, address.key(), new byte[] {address.version()});
        }
    }

    /**
     * A payee asks for a promise to be settled to it: it shows the route's payment salt, which with its key opens
     * the promise's route id (see {@link PaymentRouteId}), and signs the request, proving it holds that key.
     *
     * @param payee the payee's 33-byte public key
     * @param salt the route's 16-byte payment salt at this hop
     * @param promise the latest promise of the route
     * @param signature the payee key's signature of {@link #signingHash()}
     */
    public record Settle(byte[] payee, byte[] salt, SignedPromise promise, byte[] signature) {
        public Settle {
            checkSizes(payee, new byte[REQUEST_ID_BYTES], signature);
            if (salt.length != PaymentRouteId.SALT_BYTES) {
                throw new EscrowRefusedException(EscrowRefusedException.Reason.BAD_REQUEST, "salt must be 16 bytes");
            }
            payee = payee.clone();
            salt = salt.clone();
            signature = signature.clone();
        }

        /** Signs a settlement request with the payee's secret key. */
        public static Settle sign(Secp256k1 secp256k1, byte[] payeeSecret, byte[] salt, SignedPromise promise) {
            byte[] payee = secp256k1.publicKey(payeeSecret);
            return new Settle(payee, salt, promise, secp256k1.sign(payeeSecret, hash(payee, salt, promise)));
        }

        /** SHA-256 of tag, payee (33), salt (16) and the 139-byte signed promise. */
        public byte[] signingHash() {
            return hash(payee, salt, promise);
        }

        private static byte[] hash(byte[] payee, byte[] salt, SignedPromise promise) {
            return Hashes.sha256(SETTLE_TAG, payee, salt, promise.encode());
        }

        @Override
        public byte[] payee() {
            return payee.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /**
     * Checks {@code signature} over {@code hash} by {@code publicKey}.
     *
     * @throws EscrowRefusedException when it does not verify or the key is not a point
     */
    static void verify(Secp256k1 secp256k1, byte[] signature, byte[] hash, byte[] publicKey) {
        boolean valid;
        try {
            valid = secp256k1.verify(signature, hash, publicKey);
        } catch (CryptoException e) {
            valid = false;
        }
        if (!valid) {
            throw new EscrowRefusedException(EscrowRefusedException.Reason.BAD_SIGNATURE,
                    "the request is not signed by the account's key");
        }
    }

    private static void checkSizes(byte[] key, byte[] requestId, byte[] signature) {
        if (key.length != Secp256k1.PUBLIC_KEY_BYTES || requestId.length != REQUEST_ID_BYTES
                || signature.length != Secp256k1.SIGNATURE_BYTES) {
            throw new EscrowRefusedException(EscrowRefusedException.Reason.BAD_REQUEST,
                    "key must be 33 bytes, request id 16, signature 65");
        }
    }

    private static byte[] tag(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
