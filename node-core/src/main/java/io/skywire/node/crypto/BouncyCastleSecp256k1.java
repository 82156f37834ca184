package io.skywire.node.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Pure-Java secp256k1 on Bouncy Castle's optimised custom curve; the fallback when libsecp256k1 does not load. */
final class BouncyCastleSecp256k1 implements Secp256k1 {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger P = CURVE.getCurve().getField().getCharacteristic();
    private static final ECPoint G = CURVE.getG();
    // The comb multiplier precomputes multiples of G once; much faster than the generic multiply for k*G.
    private static final ECMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    @Override
    public String name() {
        return "Bouncy Castle";
    }

    @Override
    public boolean isValidSecretKey(byte[] secret) {
        if (secret == null || secret.length != SECRET_KEY_BYTES) {
            return false;
        }
        BigInteger d = new BigInteger(1, secret);
        return d.signum() > 0 && d.compareTo(N) < 0;
    }

    @Override
    public byte[] publicKey(byte[] secret) {
        return BASE_MULTIPLIER.multiply(G, secretScalar(secret)).normalize().getEncoded(true);
    }

    @Override
    public byte[] parsePublicKey(byte[] encoded) {
        return decodePoint(encoded).getEncoded(true);
    }

    @Override
    public byte[] multiply(byte[] publicKey, byte[] scalar) {
        ECPoint product = decodePoint(publicKey).multiply(secretScalar(scalar)).normalize();
        if (product.isInfinity()) {
            throw new CryptoException("point multiplication produced the point at infinity");
        }
        return product.getEncoded(true);
    }

    @Override
    public byte[] ecdh(byte[] secret, byte[] publicKey) {
        BigInteger d = secretScalar(secret);
        ECPoint shared = decodePoint(publicKey).multiply(d).normalize();
        if (shared.isInfinity()) {
            throw new CryptoException("ECDH produced the point at infinity");
        }
        return Hashes.sha256(shared.getEncoded(true));
    }

    @Override
    public byte[] sign(byte[] secret, byte[] hash32) {
        BigInteger d = secretScalar(secret);
        SignatureFormat.checkHash(hash32);
        BigInteger e = new BigInteger(1, hash32);
        // Signing by hand rather than through ECDSASigner because the recovery id needs the nonce point R.
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, hash32);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = BASE_MULTIPLIER.multiply(G, k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = (point.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(SignatureFormat.HALF_N) > 0) {
                // -s signs with -k, whose point has the other y: flip the parity bit.
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            byte[] out = new byte[SIGNATURE_BYTES];
            System.arraycopy(SignatureFormat.compact(r, s), 0, out, 0, SignatureFormat.COMPACT_BYTES);
            out[SignatureFormat.COMPACT_BYTES] = (byte) recoveryId;
            return out;
        }
    }

    @Override
    public boolean verify(byte[] signature, byte[] hash32, byte[] publicKey) {
        SignatureFormat.checkHash(hash32);
        ECPoint q = decodePoint(publicKey);
        if (signature == null || (signature.length != 64 && signature.length != 65)
                || !SignatureFormat.isCanonicalCompact(signature)) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
        return verifier.verifySignature(hash32, SignatureFormat.r(signature), SignatureFormat.s(signature));
    }

    @Override
    public byte[] recover(byte[] signature65, byte[] hash32) {
        SignatureFormat.checkHash(hash32);
        int recoveryId = SignatureFormat.checkRecoverable(signature65);
        BigInteger r = SignatureFormat.r(signature65);
        BigInteger s = SignatureFormat.s(signature65);
        // SEC1 4.1.6: R has x = r + (recid / 2) * n and the y parity recid % 2.
        BigInteger x = (recoveryId & 2) != 0 ? r.add(N) : r;
        if (x.compareTo(P) >= 0) {
            throw new CryptoException("recovery id " + recoveryId + " names an x beyond the field");
        }
        byte[] encodedR = new byte[PUBLIC_KEY_BYTES];
        encodedR[0] = (byte) (0x02 | (recoveryId & 1));
        SignatureFormat.writeScalar(x, encodedR, 1);
        ECPoint bigR;
        try {
            bigR = CURVE.getCurve().decodePoint(encodedR);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("signature r is not the x of a curve point", e);
        }
        // Q = r^-1 (s R - e G)
        BigInteger rInverse = r.modInverse(N);
        BigInteger e = new BigInteger(1, hash32);
        BigInteger gFactor = N.subtract(e).multiply(rInverse).mod(N);
        BigInteger rFactor = s.multiply(rInverse).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, gFactor, bigR, rFactor).normalize();
        if (q.isInfinity()) {
            throw new CryptoException("recovered the point at infinity");
        }
        return q.getEncoded(true);
    }

    private static BigInteger secretScalar(byte[] secret) {
        if (secret == null || secret.length != SECRET_KEY_BYTES) {
            throw new CryptoException("secret key must be 32 bytes");
        }
        BigInteger d = new BigInteger(1, secret);
        if (d.signum() == 0 || d.compareTo(N) >= 0) {
            throw new CryptoException("secret key out of range [1, n-1]");
        }
        return d;
    }

    static ECPoint decodePoint(byte[] encoded) {
        SignatureFormat.checkPublicKeyEncoding(encoded);
        ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            throw new CryptoException("invalid public key: " + e.getMessage(), e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new CryptoException("public key is not a valid curve point");
        }
        return point.normalize();
    }
}
