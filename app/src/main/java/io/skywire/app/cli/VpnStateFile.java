package io.skywire.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Where a running {@code skywire vpn up} tells {@code status} and {@code down} about itself: a small text file,
 * first line its process id, second line the status line, then its counters. Replaced atomically on every change.
 */
final class VpnStateFile {

    private VpnStateFile() {
    }

    /** The default file for an interface. */
    static Path forInterface(String interfaceName) {
        return Path.of(System.getProperty("java.io.tmpdir"), "skywire-vpn-" + interfaceName + ".state");
    }

    static void write(Path file, long pid, String statusLine, String counters) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, pid + "\n" + statusLine + "\n" + counters + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The process and lines of a running VPN, or empty when none runs (a stale file is ignored). */
    static Optional<Running> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Running(process.get(), lines.get(1), lines.size() > 2 ? lines.get(2) : ""));
    }

    record Running(ProcessHandle process, String statusLine, String counters) {
    }
}
