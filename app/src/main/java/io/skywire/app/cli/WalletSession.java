package io.skywire.app.cli;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.address.UsedAddress;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.chain.WalletFunds;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.seed.WrongPasswordException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** An open wallet for one command: its database and the local chain, and the seed once the password opened it. */
final class WalletSession implements AutoCloseable {

    private final WalletOptions options;
    private final SecureRandom random = new SecureRandom();
    private final Secp256k1 secp256k1 = Secp256k1Provider.get();
    private final WalletDatabase database;
    private final LocalChain chain;

    private WalletSession(WalletOptions options) {
        this.options = options;
        this.database = WalletDatabase.open(options.walletDatabase());
        try {
            this.chain = LocalChain.open(options.localChain(), secp256k1, Clock.systemUTC(), random);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Opens the wallet in the data directory.
     *
     * @throws CommandFailedException when there is no wallet there
     */
    static WalletSession open(WalletOptions options) {
        if (!Files.isRegularFile(options.seedFile())) {
            throw new CommandFailedException("no wallet in " + options.dataDir
                    + ": create one with `skywire wallet new` or `skywire wallet restore`");
        }
        return new WalletSession(options);
    }

    /**
     * The mnemonic, after the password.
     *
     * @throws CommandFailedException for a wrong password (the file is only read)
     */
    Mnemonic unlock(CommandSpec spec) throws IOException {
        SeedStore store = SeedStore.open(options.seedFile(), random);
        try {
            return store.reveal(options.password(spec, false));
        } catch (WrongPasswordException e) {
            throw new CommandFailedException("wrong password for " + options.seedFile() + "; nothing was changed");
        }
    }

    FreshAddresses addresses(Mnemonic mnemonic) {
        return new FreshAddresses(database, secp256k1, mnemonic.seed(), Clock.systemUTC());
    }

    WalletFunds funds(Mnemonic mnemonic) {
        return new WalletFunds(chain, addresses(mnemonic), secp256k1, mnemonic.seed(), random);
    }

    List<UsedAddress> usedAddresses() {
        return FreshAddresses.usedAddresses(database);
    }

    LocalChain chain() {
        return chain;
    }

    Secp256k1 secp256k1() {
        return secp256k1;
    }

    SecureRandom random() {
        return random;
    }

    @Override
    public void close() {
        chain.close();
        database.close();
    }
}
