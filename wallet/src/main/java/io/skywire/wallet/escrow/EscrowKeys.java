package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.blind.SpentTokens;
import io.skywire.wallet.blind.TokenMint;
import io.skywire.wallet.ledger.Droplets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Every key of an escrow, derived from one 32-byte master secret: a blind-signing key per power-of-two
 * denomination, the attestation key, and the seed of its deterministic chain of deposit and change addresses.
 */
public final class EscrowKeys {

    /** Denominations are 2^0 .. 2^MAX_EXPONENT droplets (up to about 1.1 million SKY per token). */
    public static final int MAX_EXPONENT = 40;

    private final List<TokenMint> mints = new ArrayList<>();
    private final byte[] attestationSecret;
    private final byte[] attestationKey;
    private final byte[] addressSeed;

    /** The keys of {@code master}; the same master gives the same keys, so a restart keeps them. */
    public EscrowKeys(Secp256k1 secp256k1, byte[] master) {
        if (master.length != 32) {
            throw new IllegalArgumentException("escrow master secret must be 32 bytes, was " + master.length);
        }
        for (int exponent = 0; exponent <= MAX_EXPONENT; exponent++) {
            // TokenMint's in-memory spent set is unused: the escrow records spends in its database.
            mints.add(new TokenMint(scalar(secp256k1, master, "mint " + exponent), new SpentTokens()));
        }
        attestationSecret = scalar(secp256k1, master, "attestation");
        attestationKey = secp256k1.publicKey(attestationSecret);
        addressSeed = Hashes.hmacSha256(master, "addresses".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The mint of a denomination.
     *
     * @throws EscrowRefusedException when {@code amount} is not a power of two up to 2^MAX_EXPONENT droplets
     */
    public TokenMint mint(Droplets amount) {
        long value = amount.value();
        if (value < 1 || Long.bitCount(value) != 1 || Long.numberOfTrailingZeros(value) > MAX_EXPONENT) {
            throw new EscrowRefusedException(EscrowRefusedException.Reason.BAD_REQUEST,
                    "token amount " + value + " droplets is not a power of two up to 2^" + MAX_EXPONENT);
        }
        return mints.get(Long.numberOfTrailingZeros(value));
    }

    /** {@code amount} as the powers of two of its binary digits, largest first: the tokens a client asks for. */
    public static List<Droplets> denominations(Droplets amount) {
        if (amount.value() < 1 || amount.value() >= 1L << (MAX_EXPONENT + 1)) {
            throw new IllegalArgumentException("amount must be 1 .. 2^" + (MAX_EXPONENT + 1) + " - 1 droplets");
        }
        List<Droplets> parts = new ArrayList<>();
        for (int exponent = MAX_EXPONENT; exponent >= 0; exponent--) {
            if ((amount.value() & (1L << exponent)) != 0) {
                parts.add(Droplets.of(1L << exponent));
            }
        }
        return parts;
    }

    /** The key that signs attestations, which hops trust. */
    public byte[] attestationKey() {
        return attestationKey.clone();
    }

    byte[] attestationSecret() {
        return attestationSecret.clone();
    }

    byte[] addressSeed() {
        return addressSeed.clone();
    }

    private static byte[] scalar(Secp256k1 secp256k1, byte[] master, String label) {
        byte[] candidate = Hashes.hmacSha256(master, label.getBytes(StandardCharsets.US_ASCII));
        while (!secp256k1.isValidSecretKey(candidate)) {
            candidate = Hashes.sha256(candidate);
        }
        return candidate;
    }

    @Override
    public String toString() {
        return "EscrowKeys[attestation key " + HexFormat.of().formatHex(attestationKey) + "]";
    }
}
