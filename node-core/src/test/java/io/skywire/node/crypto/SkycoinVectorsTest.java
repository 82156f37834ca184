package io.skywire.node.crypto;

import io.skywire.node.testing.TestVectors;
import io.skywire.node.testing.Implementations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-check against the Skycoin reference wallet's golden files (seed-0000 to seed-0010): key derivation from
 * the secret, and verification and recovery of its signatures (all low S, recovery ids 0 and 1).
 *
 * <p>Skycoin's signing nonces are not RFC 6979: none of the 1100 golden signatures equals ours (checked when this
 * test was written), so byte equality is not required; our own signature of each hash must verify and recover
 * instead. The count of identical signatures is still logged.
 */
final class SkycoinVectorsTest {

    private static final Logger LOG = LoggerFactory.getLogger(SkycoinVectorsTest.class);
    private static final int SEED_FILES = 11;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.skywire.node.testing.Implementations#all")
    void keysAndSignatures(Implementations.Impl impl) {
        Secp256k1 secp = impl.get();
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : TestVectors.read("skycoin/input-hashes.golden").get("hashes")) {
            hashes.add(TestVectors.hex(hash));
        }
        int keys = 0;
        int signatures = 0;
        int identical = 0;
        List<String> failures = new ArrayList<>();
        for (int file = 0; file < SEED_FILES; file++) {
            String name = String.format("skycoin/seed-%04d.golden", file);
            for (JsonNode key : TestVectors.read(name).get("keys")) {
                keys++;
                byte[] secret = TestVectors.hex(key.get("secret"));
                byte[] publicKey = TestVectors.hex(key.get("public"));
                String where = name + " key " + key.get("address").asText();
                if (!Arrays.equals(secp.publicKey(secret), publicKey)) {
                    failures.add(where + ": public key differs");
                }
                JsonNode golden = key.get("signatures");
                for (int i = 0; golden != null && i < golden.size(); i++) {
                    signatures++;
                    byte[] signature = TestVectors.hex(golden.get(i));
                    byte[] hash = hashes.get(i);
                    if (!secp.verify(signature, hash, publicKey)) {
                        failures.add(where + " signature " + i + ": does not verify");
                    }
                    if (!Arrays.equals(secp.recover(signature, hash), publicKey)) {
                        failures.add(where + " signature " + i + ": does not recover the key");
                    }
                    byte[] ours = secp.sign(secret, hash);
                    if (Arrays.equals(ours, signature)) {
                        identical++;
                    }
                    if (!secp.verify(ours, hash, publicKey) || !Arrays.equals(secp.recover(ours, hash), publicKey)) {
                        failures.add(where + " hash " + i + ": our own signature does not verify and recover");
                    }
                }
            }
        }
        LOG.info("Skycoin golden [{}]: {} keys, {} signatures verified and recovered, {} byte-identical to ours", impl,
                keys, signatures, identical);
        assertThat(failures).as("Skycoin golden mismatches for %s", impl).isEmpty();
        assertThat(keys).isEqualTo(110);
        assertThat(signatures).isEqualTo(1100);
    }
}
