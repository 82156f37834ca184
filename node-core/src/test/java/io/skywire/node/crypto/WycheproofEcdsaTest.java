package io.skywire.node.crypto;

import io.skywire.node.testing.TestVectors;
import io.skywire.node.testing.Implementations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wycheproof ECDSA secp256k1/SHA-256 through {@link Secp256k1#verifyDer}, every vector. The bitcoin file is our
 * rule exactly (strict DER, low S). The plain file also has valid high-S signatures, which we must refuse, so
 * there a vector is expected to verify when it is valid and low-S.
 */
final class WycheproofEcdsaTest {

    private static final Logger LOG = LoggerFactory.getLogger(WycheproofEcdsaTest.class);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void bitcoinVariantEveryVector(Implementations.Impl impl) {
        run(impl, "wycheproof/ecdsa_secp256k1_sha256_bitcoin_test.json", false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void plainVariantEveryVectorWithHighSRefused(Implementations.Impl impl) {
        run(impl, "wycheproof/ecdsa_secp256k1_sha256_test.json", true);
    }

    private static void run(Implementations.Impl impl, String file, boolean refuseValidHighS) {
        Secp256k1 secp = impl.get();
        JsonNode root = TestVectors.read(file);
        int checked = 0;
        int verified = 0;
        int validHighSRefused = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            byte[] publicKey = TestVectors.hex(group.get("publicKey").get("uncompressed"));
            for (JsonNode test : group.get("tests")) {
                checked++;
                String id = "tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ", "
                        + test.get("result").asText() + ")";
                byte[] hash = Hashes.sha256(TestVectors.hex(test.get("msg")));
                byte[] der = TestVectors.hex(test.get("sig"));
                boolean expected = test.get("result").asText().equals("valid");
                if (expected && refuseValidHighS && isHighS(der)) {
                    expected = false;
                    validHighSRefused++;
                }
                boolean actual;
                try {
                    actual = secp.verifyDer(der, hash, publicKey);
                } catch (RuntimeException e) {
                    failures.add(id + ": threw " + e);
                    continue;
                }
                if (actual != expected) {
                    failures.add(id + ": verifyDer returned " + actual);
                }
                if (actual) {
                    verified++;
                }
            }
        }
        LOG.info("Wycheproof {} [{}]: checked {} vectors, {} verified, {} valid high-S refused", file, impl, checked,
                verified, validHighSRefused);
        assertThat(failures).as("%s failures for %s", file, impl).isEmpty();
        assertThat(checked).as("vectors checked for %s", impl).isEqualTo(root.get("numberOfTests").asInt());
        assertThat(verified).as("some signatures verify").isPositive();
    }

    private static boolean isHighS(byte[] der) {
        byte[] compact = SignatureFormat.derToCompact(der);
        return compact != null && SignatureFormat.s(compact).compareTo(SignatureFormat.HALF_N) > 0;
    }
}
