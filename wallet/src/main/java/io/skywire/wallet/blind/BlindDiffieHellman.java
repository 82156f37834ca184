package io.skywire.wallet.blind;

import io.skywire.node.crypto.Hashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Blind Diffie-Hellman key exchange on secp256k1 as Cashu specifies it (NUT-00): the client blinds
 * Y = hash_to_curve(x) as B_ = Y + rG, the signer answers C_ = kB_, the client unblinds C = C_ - rK, and the
 * signer later accepts (x, C) when kY = C, without being able to link it to the B_ it signed.
 *
 * <p>Points are 33-byte compressed encodings, scalars 32-byte big-endian, as on Cashu's wire.
 */
public final class BlindDiffieHellman {

    /** Cashu's domain separator for hash_to_curve. */
    static final byte[] DOMAIN_SEPARATOR = "Secp256k1_HashToCurve_Cashu_".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_COUNTER = 1L << 16;

    private BlindDiffieHellman() {
    }

    /**
     * Cashu's hash_to_curve: h = SHA256(domain || message), then the first counter c (0, 1, ...) for which
     * 02 || SHA256(h || c as 4 bytes little-endian) is a point on the curve gives that point.
     */
    public static byte[] hashToCurve(byte[] message) {
        return CurvePoints.encode(hashToPoint(message));
    }

    static ECPoint hashToPoint(byte[] message) {
        byte[] messageHash = Hashes.sha256(DOMAIN_SEPARATOR, message);
        byte[] counterBytes = new byte[4];
        byte[] candidate = new byte[CurvePoints.POINT_BYTES];
        candidate[0] = 0x02;
        for (long counter = 0; counter < MAX_COUNTER; counter++) {
            counterBytes[0] = (byte) counter;
            counterBytes[1] = (byte) (counter >>> 8);
            counterBytes[2] = (byte) (counter >>> 16);
            counterBytes[3] = (byte) (counter >>> 24);
            System.arraycopy(Hashes.sha256(messageHash, counterBytes), 0, candidate, 1, 32);
            ECPoint point = CurvePoints.decodeOrNull(candidate);
            if (point != null) {
                return point;
            }
        }
        // Each candidate is a point with probability about 1/2: 2^16 failures do not happen.
        throw new IllegalStateException("no curve point found for message after " + MAX_COUNTER + " tries");
    }

    /** The client's blinded message B_ = hash_to_curve(secret) + r*G. */
    public static byte[] blind(byte[] secret, byte[] blindingFactor) {
        BigInteger r = CurvePoints.scalar(blindingFactor);
        return CurvePoints.encode(hashToPoint(secret).add(CurvePoints.G.multiply(r)));
    }

    /** The signer's blind signature C_ = k*B_. */
    public static byte[] signBlinded(byte[] signerSecret, byte[] blindedMessage) {
        BigInteger k = CurvePoints.scalar(signerSecret);
        return CurvePoints.encode(CurvePoints.decode(blindedMessage).multiply(k));
    }

    /** The client's unblinded signature C = C_ - r*K, where K is the signer's public key. */
    public static byte[] unblind(byte[] blindedSignature, byte[] blindingFactor, byte[] signerPublicKey) {
        BigInteger r = CurvePoints.scalar(blindingFactor);
        ECPoint rK = CurvePoints.decode(signerPublicKey).multiply(r);
        return CurvePoints.encode(CurvePoints.decode(blindedSignature).subtract(rK));
    }

    /** The signer's check of a token: k*hash_to_curve(secret) == C; false for a signature that is not a point. */
    public static boolean verify(byte[] signerSecret, byte[] secret, byte[] signature) {
        BigInteger k = CurvePoints.scalar(signerSecret);
        ECPoint c = CurvePoints.decodeOrNull(signature);
        return c != null && hashToPoint(secret).multiply(k).normalize().equals(c.normalize());
    }

    /** The public key k*G of a signer secret. */
    public static byte[] publicKey(byte[] signerSecret) {
        return CurvePoints.encode(CurvePoints.G.multiply(CurvePoints.scalar(signerSecret)));
    }
}
