package io.skywire.node.crypto;

import io.skywire.node.testing.Implementations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Secp256k1} contract, run against every implementation. */
final class Secp256k1Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger N = SignatureFormat.N;
    private static final int ROUNDS = 64;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void signVerifyRecoverRoundTripsWithLowS(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        Random random = new Random(1);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] secret = randomSecret(secp, random);
            byte[] hash = randomBytes(random, 32);
            byte[] publicKey = secp.publicKey(secret);
            byte[] signature = secp.sign(secret, hash);

            assertThat(signature).hasSize(Secp256k1.SIGNATURE_BYTES);
            assertThat(SignatureFormat.s(signature)).isLessThanOrEqualTo(SignatureFormat.HALF_N);
            assertThat(signature[64]).isBetween((byte) 0, (byte) 3);
            assertThat(secp.sign(secret, hash)).as("deterministic").isEqualTo(signature);
            assertThat(secp.verify(signature, hash, publicKey)).isTrue();
            assertThat(secp.verify(Arrays.copyOf(signature, 64), hash, publicKey)).as("64-byte form").isTrue();
            assertThat(secp.verifyDer(der(signature), hash, publicKey)).isTrue();
            assertThat(secp.recover(signature, hash)).isEqualTo(publicKey);

            byte[] otherHash = hash.clone();
            otherHash[0] ^= 1;
            assertThat(secp.verify(signature, otherHash, publicKey)).isFalse();
            assertThat(secp.verify(signature, hash, secp.publicKey(randomSecret(secp, random)))).isFalse();
            assertThat(secp.recover(signature, otherHash)).isNotEqualTo(publicKey);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void highSIsRefusedEverywhere(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        Random random = new Random(2);
        for (int i = 0; i < 8; i++) {
            byte[] secret = randomSecret(secp, random);
            byte[] hash = randomBytes(random, 32);
            byte[] publicKey = secp.publicKey(secret);
            byte[] low = secp.sign(secret, hash);
            // (r, n - s) is the malleated twin: mathematically valid, refused by policy.
            byte[] high = low.clone();
            SignatureFormat.writeScalar(N.subtract(SignatureFormat.s(low)), high, 32);
            high[64] ^= 1;

            assertThat(secp.verify(high, hash, publicKey)).isFalse();
            assertThat(secp.verify(Arrays.copyOf(high, 64), hash, publicKey)).isFalse();
            assertThat(secp.verifyDer(der(high), hash, publicKey)).isFalse();
            assertThatThrownBy(() -> secp.recover(high, hash)).isInstanceOf(CryptoException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void outOfRangeAndMalformedSignaturesReturnFalse(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        byte[] secret = scalar(BigInteger.valueOf(12345));
        byte[] hash = Hashes.sha256("message".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] publicKey = secp.publicKey(secret);
        byte[] good = secp.sign(secret, hash);
        BigInteger r = SignatureFormat.r(good);
        BigInteger s = SignatureFormat.s(good);

        assertThat(secp.verify(compact(BigInteger.ZERO, s), hash, publicKey)).isFalse();
        assertThat(secp.verify(compact(r, BigInteger.ZERO), hash, publicKey)).isFalse();
        assertThat(secp.verify(compact(r.add(N), s), hash, publicKey)).as("r + n").isFalse();
        assertThat(secp.verify(compact(N, s), hash, publicKey)).isFalse();
        assertThat(secp.verify(compact(r, N), hash, publicKey)).isFalse();
        assertThat(secp.verify(new byte[63], hash, publicKey)).isFalse();
        assertThat(secp.verify(new byte[66], hash, publicKey)).isFalse();
        assertThat(secp.verify(null, hash, publicKey)).isFalse();
        assertThat(secp.verifyDer(new byte[0], hash, publicKey)).isFalse();
        assertThat(secp.verifyDer(null, hash, publicKey)).isFalse();
        assertThat(secp.verifyDer(good, hash, publicKey)).as("compact is not DER").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void badHashesAndKeysThrow(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        byte[] secret = scalar(BigInteger.TEN);
        byte[] publicKey = secp.publicKey(secret);
        byte[] signature = secp.sign(secret, new byte[32]);

        assertThatThrownBy(() -> secp.sign(secret, new byte[31])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.verify(signature, new byte[33], publicKey)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.verify(signature, new byte[32], new byte[33])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.verifyDer(new byte[3], new byte[32], new byte[33])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.recover(signature, null)).isInstanceOf(CryptoException.class);
        byte[] badId = signature.clone();
        badId[64] = 4;
        assertThatThrownBy(() -> secp.recover(badId, new byte[32])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.recover(Arrays.copyOf(signature, 64), new byte[32]))
                .isInstanceOf(CryptoException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void invalidSecretsAreRefused(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        byte[] peer = secp.publicKey(scalar(BigInteger.TWO));
        byte[][] invalid = {new byte[32], scalar(N), scalar(N.add(BigInteger.ONE)), new byte[31], new byte[33], null};
        invalid[3][30] = 1;
        invalid[4][32] = 1;
        for (byte[] secret : invalid) {
            assertThat(secp.isValidSecretKey(secret)).isFalse();
            assertThatThrownBy(() -> secp.publicKey(secret)).isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> secp.sign(secret, new byte[32])).isInstanceOf(CryptoException.class);
            assertThatThrownBy(() -> secp.ecdh(secret, peer)).isInstanceOf(CryptoException.class);
        }
        assertThat(secp.isValidSecretKey(scalar(BigInteger.ONE))).isTrue();
        assertThat(secp.isValidSecretKey(scalar(N.subtract(BigInteger.ONE)))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void ecdhIsSymmetric(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        Random random = new Random(3);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] a = randomSecret(secp, random);
            byte[] b = randomSecret(secp, random);
            byte[] ab = secp.ecdh(a, secp.publicKey(b));
            assertThat(ab).hasSize(32).isEqualTo(secp.ecdh(b, secp.publicKey(a)));
            assertThat(secp.ecdh(a, uncompressed(secp.publicKey(b)))).as("uncompressed peer key").isEqualTo(ab);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void knownAnswers(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        assertThat(HEX.formatHex(secp.publicKey(scalar(BigInteger.ONE))))
                .isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        // The widely used RFC 6979 secp256k1 vector: key 1, SHA-256("Satoshi Nakamoto"), low S.
        byte[] hash = Hashes.sha256("Satoshi Nakamoto".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] signature = secp.sign(scalar(BigInteger.ONE), hash);
        assertThat(HEX.formatHex(signature, 0, 64)).isEqualTo(
                "934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
                        + "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void publicKeyParsing(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        byte[] compressed = secp.publicKey(scalar(BigInteger.valueOf(7)));
        byte[] full = uncompressed(compressed);
        assertThat(secp.parsePublicKey(compressed)).isEqualTo(compressed);
        assertThat(secp.parsePublicKey(full)).isEqualTo(compressed);

        byte[] hybrid = full.clone();
        hybrid[0] = (byte) (0x06 | (compressed[0] & 1));
        assertThatThrownBy(() -> secp.parsePublicKey(hybrid)).as("X9.62 hybrid").isInstanceOf(CryptoException.class);
        byte[] offCurve = full.clone();
        offCurve[64] ^= 1;
        assertThatThrownBy(() -> secp.parsePublicKey(offCurve)).isInstanceOf(CryptoException.class);
        byte[] noSuchX = new byte[33];
        noSuchX[0] = 0x02;
        noSuchX[32] = 5; // x = 5: 125 + 7 = 132 is not a square mod p
        assertThatThrownBy(() -> secp.parsePublicKey(noSuchX)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.parsePublicKey(new byte[] {0x00})).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.parsePublicKey(new byte[33])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> secp.parsePublicKey(null)).isInstanceOf(CryptoException.class);
    }

    static byte[] uncompressed(byte[] compressed) {
        return BouncyCastleSecp256k1.decodePoint(compressed).getEncoded(false);
    }

    static byte[] der(byte[] signature) {
        try {
            return new DERSequence(new ASN1Integer[] {
                new ASN1Integer(SignatureFormat.r(signature)), new ASN1Integer(SignatureFormat.s(signature))
            }).getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] compact(BigInteger r, BigInteger s) {
        byte[] out = new byte[64];
        SignatureFormat.writeScalar(r.mod(BigInteger.ONE.shiftLeft(256)), out, 0);
        SignatureFormat.writeScalar(s.mod(BigInteger.ONE.shiftLeft(256)), out, 32);
        return out;
    }

    static byte[] scalar(BigInteger value) {
        byte[] out = new byte[32];
        SignatureFormat.writeScalar(value, out, 0);
        return out;
    }

    static byte[] randomSecret(Secp256k1 secp, Random random) {
        byte[] secret;
        do {
            secret = randomBytes(random, 32);
        } while (!secp.isValidSecretKey(secret));
        return secret;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
