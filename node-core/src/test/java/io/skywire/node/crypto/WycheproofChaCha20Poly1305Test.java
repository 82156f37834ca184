package io.skywire.node.crypto;

import io.skywire.node.testing.TestVectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wycheproof ChaCha20-Poly1305, every vector, through one {@link Aead} instance: sealing and then opening under
 * the same key and nonce is exactly the re-init SunJCE refuses, so this also covers that workaround.
 */
final class WycheproofChaCha20Poly1305Test {

    private static final Logger LOG = LoggerFactory.getLogger(WycheproofChaCha20Poly1305Test.class);

    @Test
    void everyVector() {
        JsonNode root = TestVectors.read("wycheproof/chacha20_poly1305_test.json");
        Aead aead = new Aead();
        int checked = 0;
        int twelveByteNonce = 0;
        int valid = 0;
        int badTagRefused = 0;
        int otherNonceRefused = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                checked++;
                String id = "tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ")";
                byte[] key = TestVectors.hex(test.get("key"));
                byte[] nonce = TestVectors.hex(test.get("iv"));
                byte[] aad = TestVectors.hex(test.get("aad"));
                byte[] msg = TestVectors.hex(test.get("msg"));
                byte[] sealed = concat(TestVectors.hex(test.get("ct")), TestVectors.hex(test.get("tag")));
                boolean isValid = test.get("result").asText().equals("valid");
                if (nonce.length != Aead.NONCE_BYTES) {
                    if (isValid) {
                        failures.add(id + ": a valid vector with a " + nonce.length + "-byte nonce");
                    }
                    if (refusesArgument(() -> aead.seal(key, nonce, aad, msg))
                            && refusesArgument(() -> aead.open(key, nonce, aad, sealed))) {
                        otherNonceRefused++;
                    } else {
                        failures.add(id + ": " + nonce.length + "-byte nonce not refused with IllegalArgumentException");
                    }
                    continue;
                }
                twelveByteNonce++;
                try {
                    if (isValid) {
                        byte[] ours = aead.seal(key, nonce, aad, msg);
                        if (!Arrays.equals(ours, sealed)) {
                            failures.add(id + ": sealed " + TestVectors.hex(ours));
                        } else if (!Arrays.equals(aead.open(key, nonce, aad, sealed), msg)) {
                            failures.add(id + ": opened to the wrong plaintext");
                        } else {
                            valid++;
                        }
                    } else {
                        aead.open(key, nonce, aad, sealed);
                        failures.add(id + ": invalid vector opened");
                    }
                } catch (CryptoException e) {
                    if (isValid) {
                        failures.add(id + ": valid vector refused: " + e);
                    } else {
                        badTagRefused++;
                    }
                } catch (RuntimeException e) {
                    failures.add(id + ": threw " + e);
                }
            }
        }
        LOG.info("Wycheproof ChaCha20-Poly1305: checked {} vectors; {} with 12-byte nonces ({} valid sealed and"
                + " opened, {} invalid refused); {} with other nonce sizes refused", checked, twelveByteNonce, valid,
                badTagRefused, otherNonceRefused);
        assertThat(failures).as("Wycheproof ChaCha20-Poly1305 failures").isEmpty();
        assertThat(checked).isEqualTo(root.get("numberOfTests").asInt());
        assertThat(valid + badTagRefused).isEqualTo(twelveByteNonce);
        assertThat(otherNonceRefused).isEqualTo(checked - twelveByteNonce);
    }

    private static boolean refusesArgument(Runnable call) {
        try {
            call.run();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
