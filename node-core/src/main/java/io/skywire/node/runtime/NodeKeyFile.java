package io.skywire.node.runtime;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.identity.SecretFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's static secret key in {@code DATA_DIR/node.key} (64 hex digits), created owner-only on first start. */
public final class NodeKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyFile.class);

    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "node.key";

    private NodeKeyFile() {
    }

    /** Loads the key, or creates the directory and a fresh key when there is none. */
    public static NodeKeyPair loadOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        boolean existed = Files.exists(file);
        byte[] secret = SecretFile.loadOrCreate(file, () -> NodeKeyPair.generate(new SecureRandom()).secret());
        NodeKeyPair key;
        try {
            key = NodeKeyPair.fromSecret(secret);
        } catch (IllegalArgumentException | CryptoException e) {
            throw new IOException(file + " does not hold a valid secp256k1 secret key", e);
        }
        if (!existed) {
            LOG.info("created node key {} for {}", file, key.nodeId().fingerprint());
        }
        return key;
    }
}
