package io.skywire.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet derive}: the deterministic key pairs and addresses of a seed, as Skycoin derives them. */
@Command(name = "derive", mixinStandardHelpOptions = true,
        description = "Print the first N key pairs of a seed: <address> <public key hex> per line.")
final class WalletDeriveCommand implements Runnable {

    /** More keys than anyone reads on a terminal; bounds the work of a typo such as -n 1000000000. */
    static final int MAX_KEYS = 100_000;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private SeedSource seed;

    @Option(names = "-n", paramLabel = "N", defaultValue = "1",
            description = "Number of key pairs (default: ${DEFAULT-VALUE}, at most " + MAX_KEYS + ").")
    private int count;

    @Option(names = "--json", description = "Print a JSON array instead of lines.")
    private boolean json;

    @Option(names = "--show-secrets", description = "Also print each secret key (hex). Keep the output private.")
    private boolean showSecrets;

    static final class SeedSource {
        @Option(names = "--seed-hex", paramLabel = "HEX", required = true, description = "Seed bytes as hex.")
        String hex;

        @Option(names = "--seed-base64", paramLabel = "B64", required = true, description = "Seed bytes as base64.")
        String base64;

        @Option(names = "--seed", paramLabel = "TEXT", required = true,
                description = "Seed text (its UTF-8 bytes), such as a mnemonic.")
        String text;
    }

    @Override
    public void run() {
        if (count < 1 || count > MAX_KEYS) {
            throw new ParameterException(spec.commandLine(), "-n must be between 1 and " + MAX_KEYS + ", was " + count);
        }
        List<SkycoinKeyPair> keys = DeterministicKeyChain.derive(Secp256k1Provider.get(), seedBytes(), count);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(keys));
        } else {
            for (SkycoinKeyPair key : keys) {
                out.println(key.address() + " " + key.publicKeyHex() + (showSecrets ? " " + key.secretHex() : ""));
            }
        }
        out.flush();
    }

    private byte[] seedBytes() {
        byte[] bytes;
        try {
            if (seed.hex != null) {
                bytes = HexFormat.of().parseHex(seed.hex.strip());
            } else if (seed.base64 != null) {
                bytes = Base64.getDecoder().decode(seed.base64.strip());
            } else {
                bytes = seed.text.getBytes(StandardCharsets.UTF_8);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid seed: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new ParameterException(spec.commandLine(), "the seed is empty");
        }
        return bytes;
    }

    private String toJson(List<SkycoinKeyPair> keys) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (int i = 0; i < keys.size(); i++) {
            SkycoinKeyPair key = keys.get(i);
            ObjectNode node = array.addObject();
            node.put("index", i);
            node.put("address", key.address().toString());
            node.put("public", key.publicKeyHex());
            if (showSecrets) {
                node.put("secret", key.secretHex());
            }
        }
        return array.toPrettyString();
    }
}
