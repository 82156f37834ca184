package io.skywire.node.crypto;

import io.skywire.node.testing.TestVectors;
import io.skywire.node.testing.Implementations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wycheproof ECDH on secp256k1, every vector. Keys arrive as X.509 SubjectPublicKeyInfo; the test unwraps them
 * strictly (canonical DER, id-ecPublicKey, the secp256k1 named curve) because Skywire itself only ever sees raw
 * SEC1 points. "Acceptable" vectors: a compressed point is accepted (Skywire's own keys are compressed); a
 * non-canonical ASN.1 encoding or explicit curve parameters are refused by the unwrapping. Whatever is accepted
 * must give the right secret.
 */
final class WycheproofEcdhTest {

    private static final Logger LOG = LoggerFactory.getLogger(WycheproofEcdhTest.class);
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void everyVector(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        JsonNode root = TestVectors.read("wycheproof/ecdh_secp256k1_test.json");
        int checked = 0;
        int refusedByUnwrapping = 0;
        int refusedByImplementation = 0;
        int acceptableAccepted = 0;
        int acceptableRefused = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                checked++;
                String id = "tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ", "
                        + test.get("flags") + ", " + test.get("result").asText() + ")";
                String result = test.get("result").asText();
                byte[] secret = secret(test.get("private"));
                byte[] point;
                try {
                    point = unwrapSecp256k1Point(TestVectors.hex(test.get("public")));
                } catch (CryptoException e) {
                    if (result.equals("valid")) {
                        failures.add(id + ": valid key refused by unwrapping: " + e.getMessage());
                    } else if (result.equals("invalid")) {
                        refusedByUnwrapping++;
                    } else {
                        acceptableRefused++;
                    }
                    continue;
                }
                byte[] ours;
                try {
                    ours = secp.ecdh(secret, point);
                } catch (CryptoException e) {
                    if (result.equals("valid")) {
                        failures.add(id + ": valid vector refused: " + e.getMessage());
                    } else if (result.equals("invalid")) {
                        refusedByImplementation++;
                    } else {
                        acceptableRefused++;
                    }
                    continue;
                } catch (RuntimeException e) {
                    failures.add(id + ": threw " + e + " instead of CryptoException");
                    continue;
                }
                if (result.equals("invalid")) {
                    failures.add(id + ": invalid vector produced a secret");
                    continue;
                }
                String wrong = checkShared(secret, point, TestVectors.hex(test.get("shared")), ours);
                if (wrong != null) {
                    failures.add(id + ": " + wrong);
                } else if (result.equals("acceptable")) {
                    acceptableAccepted++;
                }
            }
        }
        LOG.info("Wycheproof ECDH [{}]: checked {} vectors; invalid refused by SPKI unwrapping {}, by {} {};"
                        + " acceptable accepted {}, refused {}", impl, checked, refusedByUnwrapping, secp.name(),
                refusedByImplementation, acceptableAccepted, acceptableRefused);
        assertThat(failures).as("Wycheproof ECDH failures for %s", impl).isEmpty();
        assertThat(checked).as("vectors checked for %s", impl).isEqualTo(root.get("numberOfTests").asInt());
        // The compressed-point vector is the one "acceptable" case Skywire must accept.
        assertThat(acceptableAccepted).as("acceptable vectors accepted (compressed point)").isEqualTo(1);
        // The invalid points that survive unwrapping must be caught by the implementation itself.
        assertThat(refusedByImplementation).as("invalid points refused by %s itself", impl).isPositive();
    }

    /** Our result must be SHA-256 of the compressed shared point, whose x is Wycheproof's shared secret. */
    private static String checkShared(byte[] secret, byte[] point, byte[] expectedX, byte[] ours) {
        ECPoint shared = CURVE.getCurve().decodePoint(point).multiply(new BigInteger(1, secret)).normalize();
        byte[] x = shared.getAffineXCoord().getEncoded();
        if (!Arrays.equals(x, expectedX)) {
            return "independent x " + TestVectors.hex(x) + " != Wycheproof shared " + TestVectors.hex(expectedX);
        }
        byte[] expected = Hashes.sha256(shared.getEncoded(true));
        if (!Arrays.equals(ours, expected)) {
            return "ecdh " + TestVectors.hex(ours) + " != SHA256(compressed shared point) " + TestVectors.hex(expected);
        }
        return null;
    }

    /** Wycheproof private keys are big-endian integers of any length, sometimes with a sign byte. */
    private static byte[] secret(JsonNode node) {
        byte[] out = new byte[32];
        SignatureFormat.writeScalar(new BigInteger(1, TestVectors.hex(node)), out, 0);
        return out;
    }

    /** The SEC1 point inside a canonical-DER SubjectPublicKeyInfo for id-ecPublicKey on named secp256k1. */
    static byte[] unwrapSecp256k1Point(byte[] spkiDer) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(spkiDer));
            if (spki == null) {
                throw new CryptoException("public key is empty");
            }
            if (!Arrays.equals(spki.getEncoded(ASN1Encoding.DER), spkiDer)) {
                throw new CryptoException("public key is not canonical DER");
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new CryptoException("public key is not a SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm())) {
            throw new CryptoException("not an EC public key: " + spki.getAlgorithm().getAlgorithm());
        }
        if (!(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)
                || !SECObjectIdentifiers.secp256k1.equals(curve)) {
            throw new CryptoException("curve is not the named curve secp256k1: " + spki.getAlgorithm().getParameters());
        }
        if (spki.getPublicKeyData().getPadBits() != 0) {
            throw new CryptoException("public key bit string has pad bits");
        }
        return spki.getPublicKeyData().getOctets();
    }
}
