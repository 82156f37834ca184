package io.skywire.app.escrow;

import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.ledger.Droplets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The escrow's configuration file: {@code key = value} lines, {@code #} comments; relative paths are read from the
 * file's directory. A broken file is refused with its line number and the reason.
 *
 * @param listen the loopback address and port to serve HTTP on
 * @param database the escrow's H2 file (without ".mv.db")
 * @param chain the local chain's H2 file
 * @param masterKeyFile 32 random bytes as hex: created on first start, owner-readable only
 * @param settings the threshold and attestation lifetime
 * @param nodeConfig a node configuration file (docs/CONFIG.md): when given, the escrow also runs a node and serves
 *                   its endpoints to streams arriving over that node's routes; null for HTTP on loopback only
 */
public record EscrowConfig(InetSocketAddress listen, Path database, Path chain, Path masterKeyFile,
                           EscrowSettings settings, Path nodeConfig) {

    private static final Set<String> KEYS = Set.of("listen", "database", "chain", "master-key-file",
            "withdrawal-threshold", "max-attestation-seconds", "node-config");
    private static final Set<String> REQUIRED = Set.of("listen", "database", "chain", "master-key-file");

    /** The reason a configuration file is refused, naming the file and, where there is one, the line. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws ConfigException naming the line and what is wrong with it
     */
    public static EscrowConfig read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String where = file + " line " + (i + 1) + ": ";
            if (equals < 1) {
                throw new ConfigException(where + "expected key = value, found '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!KEYS.contains(key)) {
                throw new ConfigException(where + "unknown key '" + key + "'; known: " + String.join(", ", KEYS));
            }
            if (value.isEmpty()) {
                throw new ConfigException(where + key + " has no value");
            }
            if (values.put(key, value) != null) {
                throw new ConfigException(where + key + " given twice");
            }
            lineOf.put(key, i + 1);
        }
        for (String key : REQUIRED) {
            if (!values.containsKey(key)) {
                throw new ConfigException(file + ": " + key + " is missing");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        Reader reader = new Reader(file, values, lineOf);
        return new EscrowConfig(reader.listen(), base.resolve(values.get("database")),
                base.resolve(values.get("chain")), base.resolve(values.get("master-key-file")), reader.settings(),
                values.containsKey("node-config") ? base.resolve(values.get("node-config")) : null);
    }

    /** Parses the values that are more than a path, naming the line of a bad one. */
    private record Reader(Path file, Map<String, String> values, Map<String, Integer> lineOf) {

        InetSocketAddress listen() throws ConfigException {
            String text = values.get("listen");
            int colon = text.lastIndexOf(':');
            if (colon < 1) {
                throw bad("listen", "expected host:port such as 127.0.0.1:8650");
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw bad("listen", "port '" + text.substring(colon + 1) + "' is not a number");
            }
            if (port < 0 || port > 65_535) {
                throw bad("listen", "port must be 0..65535");
            }
            InetAddress host;
            try {
                host = InetAddress.getByName(text.substring(0, colon).replace("[", "").replace("]", ""));
            } catch (UnknownHostException e) {
                throw bad("listen", "unknown host " + text.substring(0, colon));
            }
            if (!host.isLoopbackAddress()) {
                throw bad("listen", "the escrow serves HTTP on loopback only, not " + host.getHostAddress());
            }
            return new InetSocketAddress(host, port);
        }

        EscrowSettings settings() throws ConfigException {
            Droplets threshold = EscrowSettings.DEFAULT.withdrawalThreshold();
            Duration attestation = EscrowSettings.DEFAULT.maxAttestation();
            if (values.containsKey("withdrawal-threshold")) {
                try {
                    threshold = Droplets.parse(values.get("withdrawal-threshold"));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw bad("withdrawal-threshold", e.getMessage());
                }
                if (threshold.value() < 1) {
                    throw bad("withdrawal-threshold", "must be positive");
                }
            }
            if (values.containsKey("max-attestation-seconds")) {
                try {
                    long seconds = Long.parseLong(values.get("max-attestation-seconds"));
                    if (seconds < 1 || seconds > Duration.ofDays(365).toSeconds()) {
                        throw bad("max-attestation-seconds", "must be 1 .. 31536000");
                    }
                    attestation = Duration.ofSeconds(seconds);
                } catch (NumberFormatException e) {
                    throw bad("max-attestation-seconds", "not a whole number of seconds");
                }
            }
            return new EscrowSettings(threshold, attestation);
        }

        private ConfigException bad(String key, String reason) {
            return new ConfigException(file + " line " + lineOf.get(key) + ": " + key + ": " + reason);
        }
    }
}
