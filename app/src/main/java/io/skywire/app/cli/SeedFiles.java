package io.skywire.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks before a wallet is created, so that no command ever replaces or mixes with another wallet's files. */
final class SeedFiles {

    private SeedFiles() {
    }

    static void refuseExisting(WalletOptions options) {
        if (Files.exists(options.seedFile())) {
            throw new CommandFailedException("a wallet already exists in " + options.dataDir + "; nothing was changed");
        }
        Path database = Path.of(options.walletDatabase() + ".mv.db");
        if (Files.exists(database)) {
            throw new CommandFailedException(database + " holds another wallet's addresses; move it away first");
        }
    }
}
