package io.skywire.node.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of length-prefixed records (2-byte length, then the record), each appended and forced to disk before
 * {@link #append} returns, so what a service acknowledged survives a crash. A torn last record (a crash mid-write)
 * is dropped on reading. {@link #rewrite} replaces the whole file atomically (a temporary file, forced, then
 * moved over), which is how services keep it bounded.
 */
public final class AppendOnlyFile {

    public static final int MAX_RECORD = 65_535;

    private final Path path;

    public AppendOnlyFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Every whole record, oldest first; empty when the file does not exist. */
    public List<byte[]> readAll() throws IOException {
        List<byte[]> records = new ArrayList<>();
        if (!Files.exists(path)) {
            return records;
        }
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(path));
        while (all.remaining() >= 2) {
            int length = all.getShort() & 0xffff;
            if (all.remaining() < length) {
                break; // torn tail
            }
            byte[] record = new byte[length];
            all.get(record);
            records.add(record);
        }
        return records;
    }

    /** Creates the file, empty, unless it exists. */
    public void create() throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (!Files.exists(path)) {
            try {
                Files.createFile(path);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // created meanwhile: fine
            }
        }
    }

    /** Appends one record and forces it to disk. */
    public void append(byte[] record) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(frame(record));
            channel.force(false);
        }
    }

    /** Replaces the file with exactly {@code records}. */
    public void rewrite(List<byte[]> records) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (byte[] record : records) {
                channel.write(frame(record));
            }
            channel.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's size in bytes (0 when missing). */
    public long size() throws IOException {
        return Files.exists(path) ? Files.size(path) : 0;
    }

    private static ByteBuffer frame(byte[] record) {
        if (record.length > MAX_RECORD) {
            throw new IllegalArgumentException("record longer than " + MAX_RECORD + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate(2 + record.length);
        buffer.putShort((short) record.length).put(record).flip();
        return buffer;
    }
}
