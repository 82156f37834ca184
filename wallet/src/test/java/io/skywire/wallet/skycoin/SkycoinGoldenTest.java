package io.skywire.wallet.skycoin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.testing.Implementations;
import io.skywire.node.testing.TestVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Skycoin reference wallet's golden files: same keys, same addresses, signatures that verify. */
class SkycoinGoldenTest {

    private static final Logger LOG = LoggerFactory.getLogger(SkycoinGoldenTest.class);
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> goldenFiles() throws IOException {
        Path dir = TestVectors.locate("skycoin/input-hashes.golden").getParent();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().matches("seed-\\d{4}\\.golden|many-addresses\\.golden"))
                    .sorted()
                    .forEach(files::add);
        }
        assertThat(files).as("golden files in %s", dir).hasSizeGreaterThanOrEqualTo(12);
        List<Arguments> arguments = new ArrayList<>();
        Implementations.all().forEach(implementation -> {
            for (Path file : files) {
                arguments.add(Arguments.of(implementation.toString(), implementation, file.getFileName().toString()));
            }
        });
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("goldenFiles")
    void derivesTheReferenceKeysAndSignatures(String name, Implementations.Impl implementation, String fileName) {
        Secp256k1 secp = implementation.get();
        JsonNode golden = TestVectors.read("skycoin/" + fileName);
        JsonNode hashes = TestVectors.read("skycoin/input-hashes.golden").get("hashes");
        byte[] seed = Base64.getDecoder().decode(golden.get("seed").asText());
        JsonNode expectedKeys = golden.get("keys");
        List<SkycoinKeyPair> derived = DeterministicKeyChain.derive(secp, seed, expectedKeys.size());

        int signatures = 0;
        for (int i = 0; i < expectedKeys.size(); i++) {
            JsonNode expected = expectedKeys.get(i);
            SkycoinKeyPair actual = derived.get(i);
            assertThat(actual.secretHex()).as("secret %d", i).isEqualTo(expected.get("secret").asText());
            assertThat(actual.publicKeyHex()).as("public %d", i).isEqualTo(expected.get("public").asText());
            assertThat(actual.address().toString()).as("address %d", i).isEqualTo(expected.get("address").asText());
            assertThat(SkycoinAddress.parse(expected.get("address").asText())).isEqualTo(actual.address());

            JsonNode expectedSignatures = expected.get("signatures");
            if (expectedSignatures == null) {
                continue;
            }
            for (int h = 0; h < expectedSignatures.size(); h++) {
                byte[] hash = HEX.parseHex(hashes.get(h).asText());
                byte[] signature = HEX.parseHex(expectedSignatures.get(h).asText());
                assertThat(secp.verify(signature, hash, actual.publicKey())).as("signature %d/%d", i, h).isTrue();
                assertThat(secp.recover(signature, hash)).isEqualTo(actual.publicKey());
                byte[] ours = secp.sign(actual.secret(), hash);
                assertThat(secp.verify(ours, hash, actual.publicKey())).isTrue();
                assertThat(secp.recover(ours, hash)).isEqualTo(actual.publicKey());
                signatures++;
            }
        }
        LOG.info("{} {}: {} key pairs and {} reference signatures match", name, fileName, derived.size(), signatures);
    }
}
