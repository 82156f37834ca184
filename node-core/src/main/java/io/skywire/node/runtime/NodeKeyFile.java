package io.skywire.node.runtime;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.identity.NodeKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's static secret key in {@code DATA_DIR/node.key} (64 hex digits), created owner-only on first start. */
public final class NodeKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyFile.class);

    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "node.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private NodeKeyFile() {
    }

    /** Loads the key, or creates the directory and a fresh key when there is none. */
    public static NodeKeyPair loadOrCreate(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Path file = dataDirectory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return load(file);
        }
        NodeKeyPair created = NodeKeyPair.generate(new SecureRandom());
        byte[] hex = HexFormat.of().formatHex(created.secret()).concat("\n").getBytes(StandardCharsets.US_ASCII);
        try {
            // The file is created with its permissions, so the secret is never readable by others, not even briefly.
            Files.write(Files.createFile(file, ownerOnly()), hex, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // Another process created it between our check and our create: use theirs.
            return load(file);
        }
        LOG.info("created node key {} for {}", file, created.nodeId().fingerprint());
        return created;
    }

    private static NodeKeyPair load(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("{} is readable by others ({}); it should be rw-------", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return NodeKeyPair.fromSecret(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException | CryptoException e) {
            throw new IOException(file + " does not hold a valid 32-byte secret key in hex", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
