package io.skywire.wallet.blind;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cashu's published test vectors: NUT-00 (hash_to_curve, blinded messages, blinded signatures) and NUT-12
 * (hash_e, deterministic nonce, DLEQ on a blind signature and on a token), from cashubtc/nuts tests/00-tests.md
 * and tests/12-tests.md.
 */
class CashuVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String text) {
        return HEX.parseHex(text);
    }

    @ParameterizedTest(name = "hash_to_curve({0})")
    @CsvSource({
        "0000000000000000000000000000000000000000000000000000000000000000, 024cce997d3b518f739663b757deaec95bcd9473c30a14ac2fd04023a739d1a725",
        "0000000000000000000000000000000000000000000000000000000000000001, 022e7158e11c9506f1aa4248bf531298daa7febd6194f003edcd9b93ade6253acf",
        "0000000000000000000000000000000000000000000000000000000000000002, 026cdbe15362df59cd1dd3c9c11de8aedac2106eca69236ecd9fbe117af897be4f",
    })
    void hashToCurve(String message, String point) {
        assertThat(HEX.formatHex(BlindDiffieHellman.hashToCurve(hex(message)))).isEqualTo(point);
    }

    @ParameterizedTest(name = "blind {0}")
    @CsvSource({
        "d341ee4871f1f889041e63cf0d3823c713eea6aff01e80f1719f08f9e5be98f6, 99fce58439fc37412ab3468b73db0569322588f62fb3a49182d67e23d877824a, 033b1a9737a40cc3fd9b6af4b723632b76a67a36782596304612a6c2bfb5197e6d",
        "f1aaf16c2239746f369572c0784d9dd3d032d952c2d992175873fb58fae31a60, f78476ea7cc9ade20f9e05e58a804cf19533f03ea805ece5fee88c8e2874ba50, 029bdf2d716ee366eddf599ba252786c1033f47e230248a4612a5670ab931f1763",
    })
    void blindedMessages(String secret, String blindingFactor, String blinded) {
        assertThat(HEX.formatHex(BlindDiffieHellman.blind(hex(secret), hex(blindingFactor)))).isEqualTo(blinded);
    }

    @ParameterizedTest(name = "sign with {0}")
    @CsvSource({
        "0000000000000000000000000000000000000000000000000000000000000001, 02a9acc1e48c25eeeb9289b5031cc57da9fe72f3fe2861d264bdc074209b107ba2, 02a9acc1e48c25eeeb9289b5031cc57da9fe72f3fe2861d264bdc074209b107ba2",
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f, 02a9acc1e48c25eeeb9289b5031cc57da9fe72f3fe2861d264bdc074209b107ba2, 0398bc70ce8184d27ba89834d19f5199c84443c31131e48d3c1214db24247d005d",
    })
    void blindedSignatures(String signerSecret, String blinded, String signature) {
        assertThat(HEX.formatHex(BlindDiffieHellman.signBlinded(hex(signerSecret), hex(blinded))))
                .isEqualTo(signature);
    }

    @Test
    void hashE() {
        ECPoint one = CurvePoints.decode(hex("020000000000000000000000000000000000000000000000000000000000000001"));
        ECPoint c = CurvePoints.decode(hex("02a9acc1e48c25eeeb9289b5031cc57da9fe72f3fe2861d264bdc074209b107ba2"));
        assertThat(HEX.formatHex(DleqProof.hashE(one, one, one, c)))
                .isEqualTo("a4dc034b74338c28c6bc3ea49731f2a24440fc7c4affc08b31a93fc9fbe6401e");
    }

    @Test
    void deterministicNonce() {
        byte[] a = hex("0000000000000000000000000000000000000000000000000000000000000002");
        byte[] blinded = hex("02a9acc1e48c25eeeb9289b5031cc57da9fe72f3fe2861d264bdc074209b107ba2");
        byte[] signed = BlindDiffieHellman.signBlinded(a, blinded);
        assertThat(HEX.formatHex(signed)).isEqualTo("0244eccfc7a348274458bb38044c7f3c389b3c2086c7ec18b5812d2877ab937787");
        assertThat(HEX.formatHex(BlindDiffieHellman.publicKey(a)))
                .isEqualTo("02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
        DleqProof proof = DleqProof.prove(a, blinded, signed);
        assertThat(HEX.formatHex(proof.e())).isEqualTo("be53688e1952a916726cf4f031584404c6a79b32ccf0b58f3db9a46794abc1dc");
        assertThat(HEX.formatHex(proof.s())).isEqualTo("1d6ecdf7ca128c90f65bd64e1f894fad985be8af6b350fece5ca4e9e259a54ad");
        assertThat(proof.verify(BlindDiffieHellman.publicKey(a), blinded, signed)).isTrue();
    }

    @Test
    void dleqOnABlindSignature() {
        DleqProof proof = new DleqProof(hex("9818e061ee51d5c8edc3342369a554998ff7b4381c8652d724cdf46429be73d9"),
                hex("9818e061ee51d5c8edc3342369a554998ff7b4381c8652d724cdf46429be73da"));
        byte[] a = hex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        byte[] blinded = hex("02a9acc1e48c25eeeb9289b5031cc57da9fe72f3fe2861d264bdc074209b107ba2");
        assertThat(proof.verify(a, blinded, blinded)).isTrue();
        byte[] otherKey = BlindDiffieHellman.publicKey(hex("0000000000000000000000000000000000000000000000000000000000000003"));
        assertThat(proof.verify(otherKey, blinded, blinded)).isFalse();
    }

    @Test
    void dleqOnAToken() {
        // Cashu secrets are strings: hash_to_curve hashes the UTF-8 of the 64 hex characters.
        byte[] secret = "daf4dd00a2b68a0858a80450f52c8a7d2ccf87d375e43e216e0c571f089f63e9"
                .getBytes(StandardCharsets.US_ASCII);
        DleqProof proof = new DleqProof(hex("b31e58ac6527f34975ffab13e70a48b6d2b0d35abc4b03f0151f09ee1a9763d4"),
                hex("8fbae004c59e754d71df67e392b6ae4e29293113ddc2ec86592a0431d16306d8"));
        byte[] a = hex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        byte[] c = hex("024369d2d22a80ecf78f3937da9d5f30c1b9f74f0c32684d583cca0fa6a61cdcfc");
        byte[] r = hex("a6d13fcd7a18442e6076f5e1e7c887ad5de40a019824bdfa9fe740d302e8d861");
        assertThat(proof.verifyToken(a, secret, c, r)).isTrue();
        assertThat(proof.verifyToken(a, "tampered".getBytes(StandardCharsets.US_ASCII), c, r)).isFalse();
    }
}
