package io.skywire.wallet.blind;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 point arithmetic for blind signatures, which need addition and subtraction of points that the
 * node's {@code Secp256k1} interface does not offer; Bouncy Castle's constant-time custom curve does it here.
 */
final class CurvePoints {

    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
    static final ECCurve CURVE = PARAMETERS.getCurve();
    static final ECPoint G = PARAMETERS.getG();
    static final BigInteger N = PARAMETERS.getN();
    static final int POINT_BYTES = 33;
    static final int SCALAR_BYTES = 32;

    private CurvePoints() {
    }

    /**
     * Decodes a compressed point, checking that it is on the curve and not infinity.
     *
     * @throws BlindSignatureException when it is not
     */
    static ECPoint decode(byte[] compressed) {
        if (compressed == null || compressed.length != POINT_BYTES
                || (compressed[0] != 0x02 && compressed[0] != 0x03)) {
            throw new BlindSignatureException("a point must be 33 bytes, compressed (02 or 03 prefix)");
        }
        try {
            ECPoint point = CURVE.decodePoint(compressed);
            if (point.isInfinity() || !point.isValid()) {
                throw new BlindSignatureException("point is not a valid secp256k1 point");
            }
            return point;
        } catch (IllegalArgumentException e) {
            throw new BlindSignatureException("point is not on secp256k1: " + e.getMessage());
        }
    }

    /** Decodes a point, or returns null when the bytes are not one (hash-to-curve tries candidates). */
    static ECPoint decodeOrNull(byte[] compressed) {
        try {
            return decode(compressed);
        } catch (BlindSignatureException e) {
            return null;
        }
    }

    static byte[] encode(ECPoint point) {
        if (point.isInfinity()) {
            throw new BlindSignatureException("result is the point at infinity");
        }
        return point.normalize().getEncoded(true);
    }

    static byte[] encodeUncompressed(ECPoint point) {
        return point.normalize().getEncoded(false);
    }

    /**
     * A 32-byte big-endian scalar in [1, n-1].
     *
     * @throws BlindSignatureException when it is out of range
     */
    static BigInteger scalar(byte[] bytes) {
        if (bytes == null || bytes.length != SCALAR_BYTES) {
            throw new BlindSignatureException("a scalar must be 32 bytes");
        }
        BigInteger value = new BigInteger(1, bytes);
        if (value.signum() == 0 || value.compareTo(N) >= 0) {
            throw new BlindSignatureException("scalar is not in [1, n-1]");
        }
        return value;
    }

    static byte[] scalarBytes(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[SCALAR_BYTES];
        int copy = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - copy, out, SCALAR_BYTES - copy, copy);
        return out;
    }
}
