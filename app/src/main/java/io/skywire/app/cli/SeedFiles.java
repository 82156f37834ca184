package io.skywire.app.cli;

import io.skywire.app.wallet.WalletCreation;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;

/** The wallet commands' side of {@link WalletCreation}: its refusals become one-line command failures. */
final class SeedFiles {

    private SeedFiles() {
    }

    static void refuseExisting(WalletOptions options) {
        try {
            WalletCreation.refuseExisting(options.dataDir);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailedException(e.getReason());
        }
    }

    static WalletCreation.Created create(WalletOptions options, Mnemonic mnemonic, char[] password,
                                         ScryptParameters scrypt, boolean restore) throws IOException {
        try {
            return WalletCreation.create(options.dataDir, mnemonic, password, scrypt, restore);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailedException(e.getReason());
        }
    }
}
