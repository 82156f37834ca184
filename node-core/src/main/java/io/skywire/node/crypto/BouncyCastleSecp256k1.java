package io.skywire.node.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/** Pure-Java secp256k1 on Bouncy Castle's optimised custom curve; the fallback when libsecp256k1 does not load. */
final class BouncyCastleSecp256k1 implements Secp256k1 {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();

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
        return CURVE.getG().multiply(secretScalar(secret)).normalize().getEncoded(true);
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
        ECPoint shared = decodePoint(publicKey).multiply(secretScalar(secret)).normalize();
        if (shared.isInfinity()) {
            throw new CryptoException("ECDH produced the point at infinity");
        }
        return Hashes.sha256(shared.getEncoded(true));
    }

    @Override
    public byte[] sign(byte[] secret, byte[] hash32) {
        throw new UnsupportedOperationException("signing lands with the crypto work");
    }

    @Override
    public boolean verify(byte[] signature, byte[] hash32, byte[] publicKey) {
        throw new UnsupportedOperationException("verification lands with the crypto work");
    }

    @Override
    public boolean verifyDer(byte[] derSignature, byte[] hash32, byte[] publicKey) {
        throw new UnsupportedOperationException("verification lands with the crypto work");
    }

    @Override
    public byte[] recover(byte[] signature65, byte[] hash32) {
        throw new UnsupportedOperationException("recovery lands with the crypto work");
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
        if (encoded == null || (encoded.length != 33 && encoded.length != 65)) {
            throw new CryptoException("public key must be 33 or 65 bytes, was "
                    + (encoded == null ? "null" : encoded.length));
        }
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
