package io.skywire.wallet.blind;

import java.util.HexFormat;

/**
 * The escrow's side of blind tokens for one denomination key: it signs blinded messages (with a DLEQ proof) and
 * redeems each unblinded token once, never learning which blinded message a token came from.
 */
public final class TokenMint {

    private final byte[] secretKey;
    private final byte[] publicKey;
    private final SpentTokens spent;

    /** A mint with signing key {@code secretKey} (32 bytes in [1, n-1]) recording spends in {@code spent}. */
    public TokenMint(byte[] secretKey, SpentTokens spent) {
        CurvePoints.scalar(secretKey);
        this.secretKey = secretKey.clone();
        this.publicKey = BlindDiffieHellman.publicKey(secretKey);
        this.spent = spent;
    }

    /** The key K = kG that clients check DLEQ proofs against. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Signs a blinded message B_: C_ = kB_ with its DLEQ proof. */
    public BlindSignature sign(byte[] blindedMessage) {
        byte[] blindedSignature = BlindDiffieHellman.signBlinded(secretKey, blindedMessage);
        return new BlindSignature(blindedSignature, DleqProof.prove(secretKey, blindedMessage, blindedSignature));
    }

    /** True when the token's signature is k*hash_to_curve(secret); whether it was spent is the caller's record. */
    public boolean verify(Token token) {
        return BlindDiffieHellman.verify(secretKey, token.secret(), token.signature());
    }

    /**
     * Accepts a token once: its signature must be k*hash_to_curve(secret) and its secret unspent.
     *
     * @throws TokenRefusedException with the reason otherwise; a refused token is not recorded
     */
    public void redeem(Token token) throws TokenRefusedException {
        if (!BlindDiffieHellman.verify(secretKey, token.secret(), token.signature())) {
            throw new TokenRefusedException(TokenRefusedException.Reason.BAD_SIGNATURE);
        }
        if (!spent.markSpent(token.secret())) {
            throw new TokenRefusedException(TokenRefusedException.Reason.ALREADY_SPENT);
        }
    }

    @Override
    public String toString() {
        return "TokenMint[K=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
