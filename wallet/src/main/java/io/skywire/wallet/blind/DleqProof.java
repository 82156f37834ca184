package io.skywire.wallet.blind;

import io.skywire.node.crypto.Hashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A discrete-log-equality proof (Cashu NUT-12) that the signer used the same secret a for its public key A = aG
 * and for the blind signature C_ = aB_, so a client can check a signature against the signer's published key.
 *
 * @param e the 32-byte challenge
 * @param s the 32-byte response
 */
public record DleqProof(byte[] e, byte[] s) {

    private static final byte[] NONCE_TAG = "Cashu_DLEQ_R_v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_NONCE_TRIES = 256;

    public DleqProof {
        if (e.length != CurvePoints.SCALAR_BYTES || s.length != CurvePoints.SCALAR_BYTES) {
            throw new BlindSignatureException("DLEQ e and s must be 32 bytes each");
        }
        e = e.clone();
        s = s.clone();
    }

    /**
     * The signer's proof for its secret {@code a} over blinded message B_ and blind signature C_, with the
     * deterministic nonce r = HMAC-SHA256(key = SHA256(a), "Cashu_DLEQ_R_v1" || A || B_ || C_ || counter) over
     * the uncompressed 65-byte points, so no RNG failure can reuse a nonce (which would reveal a). NUT-12's text
     * says the key is a; its published vector, which this reproduces, and cashu-ts hash a first.
     */
    public static DleqProof prove(byte[] signerSecret, byte[] blindedMessage, byte[] blindedSignature) {
        BigInteger a = CurvePoints.scalar(signerSecret);
        ECPoint bigA = CurvePoints.G.multiply(a);
        ECPoint blinded = CurvePoints.decode(blindedMessage);
        ECPoint signed = CurvePoints.decode(blindedSignature);
        BigInteger r = nonce(signerSecret, CurvePoints.encodeUncompressed(bigA),
                CurvePoints.encodeUncompressed(blinded), CurvePoints.encodeUncompressed(signed));
        byte[] e = hashE(CurvePoints.G.multiply(r), blinded.multiply(r), bigA, signed);
        BigInteger s = r.add(new BigInteger(1, e).multiply(a)).mod(CurvePoints.N);
        return new DleqProof(e, CurvePoints.scalarBytes(s));
    }

    /** The client's check: with R1 = sG - eA and R2 = sB_ - eC_, the challenge is hash(R1, R2, A, C_). */
    public boolean verify(byte[] signerPublicKey, byte[] blindedMessage, byte[] blindedSignature) {
        ECPoint bigA = CurvePoints.decodeOrNull(signerPublicKey);
        ECPoint blinded = CurvePoints.decodeOrNull(blindedMessage);
        ECPoint signed = CurvePoints.decodeOrNull(blindedSignature);
        if (bigA == null || blinded == null || signed == null) {
            return false;
        }
        BigInteger challenge = new BigInteger(1, e);
        BigInteger response = new BigInteger(1, s);
        ECPoint r1 = CurvePoints.G.multiply(response).subtract(bigA.multiply(challenge));
        ECPoint r2 = blinded.multiply(response).subtract(signed.multiply(challenge));
        if (r1.isInfinity() || r2.isInfinity()) {
            return false;
        }
        return MessageDigest.isEqual(e, hashE(r1, r2, bigA, signed));
    }

    /**
     * A third party's check of an unblinded token (x, C) given the client's blinding factor r:
     * B_ = hash_to_curve(x) + rG and C_ = C + rA are rebuilt, then checked as above.
     */
    public boolean verifyToken(byte[] signerPublicKey, byte[] secret, byte[] signature, byte[] blindingFactor) {
        ECPoint bigA = CurvePoints.decodeOrNull(signerPublicKey);
        ECPoint c = CurvePoints.decodeOrNull(signature);
        if (bigA == null || c == null) {
            return false;
        }
        BigInteger r = CurvePoints.scalar(blindingFactor);
        byte[] blindedMessage = BlindDiffieHellman.blind(secret, blindingFactor);
        byte[] blindedSignature = CurvePoints.encode(c.add(bigA.multiply(r)));
        return verify(signerPublicKey, blindedMessage, blindedSignature);
    }

    /** NUT-12's hash_e: SHA-256 of the concatenated lower-case hex of each point's uncompressed encoding. */
    static byte[] hashE(ECPoint... points) {
        StringBuilder hex = new StringBuilder(points.length * 130);
        for (ECPoint point : points) {
            hex.append(HexFormat.of().formatHex(CurvePoints.encodeUncompressed(point)));
        }
        return Hashes.sha256(hex.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static BigInteger nonce(byte[] signerSecret, byte[] bigA, byte[] blindedMessage, byte[] blindedSignature) {
        for (int counter = 0; counter < MAX_NONCE_TRIES; counter++) {
            byte[] candidate = Hashes.hmacSha256(Hashes.sha256(signerSecret), NONCE_TAG, bigA, blindedMessage, blindedSignature,
                    new byte[] {(byte) counter});
            BigInteger r = new BigInteger(1, candidate);
            if (r.signum() != 0 && r.compareTo(CurvePoints.N) < 0) {
                return r;
            }
        }
        throw new IllegalStateException("no DLEQ nonce below n after " + MAX_NONCE_TRIES + " tries");
    }

    @Override
    public byte[] e() {
        return e.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DleqProof that && Arrays.equals(e, that.e)
                && Arrays.equals(s, that.s);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(e) + Arrays.hashCode(s);
    }

    @Override
    public String toString() {
        return "DleqProof[e=" + HexFormat.of().formatHex(e) + ", s=" + HexFormat.of().formatHex(s) + "]";
    }
}
