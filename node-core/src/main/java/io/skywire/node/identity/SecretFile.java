package io.skywire.node.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 32-byte secret kept as 64 hex digits in a file that only its owner can read: created on first use, never
 * replaced afterwards, shared by every process that opens it.
 */
public final class SecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);
    private static final int SECRET_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFile() {
    }

    /**
     * The secret in {@code file}, or a fresh one from {@code fresh} written there first. When two processes race to
     * create it, both end up with the one that was written.
     *
     * @throws IOException when the file cannot be written or read, or does not hold 32 bytes as hex
     */
    public static byte[] loadOrCreate(Path file, Supplier<byte[]> fresh) throws IOException {
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] secret = fresh.get();
            if (secret.length != SECRET_BYTES) {
                throw new IllegalArgumentException("a secret is 32 bytes, was " + secret.length);
            }
            try {
                // Created with its permissions, so the secret is never readable by others, not even briefly.
                Files.write(Files.createFile(file, ownerOnly(file)),
                        (HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.US_ASCII),
                        StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                return secret;
            } catch (FileAlreadyExistsException e) {
                LOG.debug("{} appeared meanwhile; using it", file);
            }
        }
        return load(file);
    }

    private static byte[] load(Path file) throws IOException {
        if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("{} is readable by others ({}); it should be rw-------", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret;
        try {
            secret = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a secret in hex: " + e.getMessage(), e);
        }
        if (secret.length != SECRET_BYTES) {
            throw new IOException(file + " must hold 32 bytes as hex, holds " + secret.length);
        }
        return secret;
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return isPosix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
