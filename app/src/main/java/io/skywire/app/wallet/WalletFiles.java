package io.skywire.app.wallet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a wallet lives: one data directory (by default {@code ~/.skywire}) holding the sealed seed
 * ({@code wallet.seed}), the database of handed-out addresses ({@code wallet}) and the local chain
 * ({@code local-chain}). The command line and the desktop app read the same layout, so either opens what the other
 * created.
 *
 * @param dataDir the directory
 */
public record WalletFiles(Path dataDir) {

    public WalletFiles {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The default data directory, {@code ~/.skywire}. */
    public static WalletFiles inHome() {
        return new WalletFiles(Path.of(System.getProperty("user.home"), ".skywire"));
    }

    /** The sealed seed (docs/WALLET-FORMAT.md). */
    public Path seedFile() {
        return dataDir.resolve("wallet.seed");
    }

    /** The wallet's H2 database of handed-out addresses (H2 adds ".mv.db"). */
    public Path walletDatabase() {
        return dataDir.resolve("wallet");
    }

    /** The local chain's H2 file (H2 adds ".mv.db"). */
    public Path localChain() {
        return dataDir.resolve("local-chain");
    }

    /** Whether a wallet was created here (its seed file exists). */
    public boolean hasWallet() {
        return Files.isRegularFile(seedFile());
    }
}
