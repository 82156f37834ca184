package io.skywire.app.wallet;

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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A wallet's open databases (its addresses and the local chain) in a data directory, and the seed once a password
 * opened it. One class for the command line (one command's life) and the desktop app (the window's life).
 */
public final class WalletSession implements AutoCloseable {

    private final WalletFiles files;
    private final SecureRandom random = new SecureRandom();
    private final Secp256k1 secp256k1 = Secp256k1Provider.get();
    private final WalletDatabase database;
    private final LocalChain chain;

    private WalletSession(WalletFiles files) {
        this.files = files;
        this.database = WalletDatabase.open(files.walletDatabase());
        try {
            this.chain = LocalChain.open(files.localChain(), secp256k1, Clock.systemUTC(), random);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Opens (creating when missing) the wallet database and the local chain of {@code files}; whether a seed file
     * exists is the caller's question ({@link WalletFiles#hasWallet()}).
     *
     * @throws io.skywire.wallet.ledger.LedgerException when a database cannot be opened
     */
    public static WalletSession open(WalletFiles files) {
        return new WalletSession(files);
    }

    /**
     * The mnemonic, after the password; the seed file is only read.
     *
     * @throws WrongPasswordException for a wrong password
     * @throws IOException when the seed file cannot be read or is damaged
     */
    public Mnemonic reveal(char[] password) throws IOException, WrongPasswordException {
        return SeedStore.open(files.seedFile(), random).reveal(password);
    }

    public FreshAddresses addresses(Mnemonic mnemonic) {
        return new FreshAddresses(database, secp256k1, mnemonic.seed(), Clock.systemUTC());
    }

    public WalletFunds funds(Mnemonic mnemonic) {
        return new WalletFunds(chain, addresses(mnemonic), secp256k1, mnemonic.seed(), random);
    }

    /** Every address handed out so far; addresses are public, so this needs no password. */
    public List<UsedAddress> usedAddresses() {
        return FreshAddresses.usedAddresses(database);
    }

    public WalletFiles files() {
        return files;
    }

    public LocalChain chain() {
        return chain;
    }

    public Secp256k1 secp256k1() {
        return secp256k1;
    }

    public SecureRandom random() {
        return random;
    }

    @Override
    public void close() {
        chain.close();
        database.close();
    }
}
