package io.skywire.wallet.seed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that a reader (or a restart after a crash) sees either the old content or the new, never a
 * mix: write a temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
 */
public final class AtomicFileWriter {

    /** A step run between the fsync of the temporary file and the rename (or link); tests use it to fail there. */
    @FunctionalInterface
    interface BeforeRename {
        void run(Path temporary) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFileWriter.class);
    private static final BeforeRename NOTHING = temporary -> { };

    private final BeforeRename beforeRename;

    /** A writer for any small file that must never be seen half-written (the seed file, the desktop settings). */
    public AtomicFileWriter() {
        this(NOTHING);
    }

    AtomicFileWriter(BeforeRename beforeRename) {
        this.beforeRename = beforeRename;
    }

    /** Writes {@code content} to {@code target} atomically; on any failure the target is as it was. */
    public void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = writeTemporary(absolute, content);
        boolean moved = false;
        try {
            beforeRename.run(temporary);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(absolute.getParent());
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Writes a new file {@code target} atomically, never replacing one that exists, even one that appears
     * meanwhile: a hard link to the finished temporary file fails when the name is taken, which a rename does not.
     *
     * @throws FileAlreadyExistsException when {@code target} exists
     */
    void create(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        Path temporary = writeTemporary(absolute, content);
        try {
            beforeRename.run(temporary);
            try {
                Files.createLink(absolute, temporary);
            } catch (UnsupportedOperationException e) {
                // A file system without hard links: fall back to a rename, which replaces only in a narrow race.
                LOG.debug("no hard links in {}, creating by rename", absolute.getParent());
                if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(absolute.toString());
                }
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(absolute.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path writeTemporary(Path absolute, byte[] content) throws IOException {
        // createTempFile makes the file readable by its owner only (0600 on POSIX), which a seed file needs.
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    /** Makes the rename itself durable; not every platform can open a directory, and there it is skipped. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {} on this platform: {}", directory, e.toString());
        }
    }
}
