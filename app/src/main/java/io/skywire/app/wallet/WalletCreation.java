package io.skywire.app.wallet;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a wallet's files in a data directory: the one piece of code behind {@code skywire wallet new}, {@code
 * skywire wallet restore} and the desktop app's first-run wizard, so all three leave the same files that every
 * wallet command and the app's wallet screen open. It never replaces or mixes with another wallet's files, and a
 * failure part-way removes what it created: afterwards there is a whole wallet or none.
 */
public final class WalletCreation {

    /** Addresses without any chain activity after the last active one before a restore's scan stops, as Skycoin does. */
    public static final int GAP_LIMIT = 20;

    private static final Logger LOG = LoggerFactory.getLogger(WalletCreation.class);

    /**
     * What a creation found.
     *
     * @param usedAddresses addresses with chain activity found by a restore (0 for a new wallet)
     * @param chainName     the chain the wallet uses
     */
    public record Created(int usedAddresses, String chainName) {
    }

    private WalletCreation() {
    }

    /** The sealed seed: its presence is what makes a data directory hold a wallet. */
    public static Path seedFile(Path dataDir) {
        return new WalletFiles(dataDir).seedFile();
    }

    /** The wallet's H2 database (addresses used, ledger); H2 adds {@code .mv.db}. */
    public static Path walletDatabase(Path dataDir) {
        return new WalletFiles(dataDir).walletDatabase();
    }

    /** The local chain's H2 database. */
    public static Path localChain(Path dataDir) {
        return new WalletFiles(dataDir).localChain();
    }

    /**
     * Refuses a data directory that already holds a wallet or another wallet's address database.
     *
     * @throws FileAlreadyExistsException whose {@link FileAlreadyExistsException#getReason() reason} says what to do
     */
    public static void refuseExisting(Path dataDir) throws FileAlreadyExistsException {
        if (Files.exists(seedFile(dataDir))) {
            throw new FileAlreadyExistsException(seedFile(dataDir).toString(), null,
                    "a wallet already exists in " + dataDir + "; nothing was changed");
        }
        Path database = Path.of(walletDatabase(dataDir) + ".mv.db");
        if (Files.exists(database)) {
            throw new FileAlreadyExistsException(database.toString(), null,
                    database + " holds another wallet's addresses; move it away first");
        }
    }

    /**
     * Seals {@code mnemonic} under {@code password} (scrypt: seconds at the default cost, so never on a UI thread)
     * and opens the wallet's databases; with {@code restore}, scans the chain for the addresses the wallet used and
     * records them. The password array is wiped.
     */
    public static Created create(Path dataDir, Mnemonic mnemonic, char[] password, ScryptParameters scrypt,
                                 boolean restore) throws IOException {
        refuseExisting(dataDir);
        Files.createDirectories(dataDir);
        List<Path> created = new ArrayList<>();
        for (Path file : List.of(seedFile(dataDir), Path.of(walletDatabase(dataDir) + ".mv.db"),
                Path.of(localChain(dataDir) + ".mv.db"))) {
            if (!Files.exists(file)) {
                created.add(file);
            }
        }
        SecureRandom random = new SecureRandom();
        Secp256k1 secp256k1 = Secp256k1Provider.get();
        try {
            SeedStore.create(seedFile(dataDir), mnemonic, password, scrypt, random);
            try (WalletDatabase database = WalletDatabase.open(walletDatabase(dataDir));
                 LocalChain chain = LocalChain.open(localChain(dataDir), secp256k1, Clock.systemUTC(), random)) {
                int used = restore ? recordUsedAddresses(database, chain, secp256k1, mnemonic) : 0;
                return new Created(used, chain.name());
            }
        } catch (IOException | RuntimeException e) {
            for (Path file : created) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException cleanup) {
                    LOG.warn("could not remove {} after a failed wallet creation: {}", file, cleanup.toString());
                }
            }
            throw e;
        }
    }

    /** Records every address up to the last with chain activity (scanning {@link #GAP_LIMIT} past it); their count. */
    private static int recordUsedAddresses(WalletDatabase database, LocalChain chain, Secp256k1 secp256k1,
                                           Mnemonic mnemonic) {
        DeterministicKeyChain keys = new DeterministicKeyChain(secp256k1, mnemonic.seed());
        int last = -1;
        for (int index = 0; index <= last + GAP_LIMIT; index++) {
            SkycoinAddress address = keys.next().address();
            if (!chain.transactions(address).isEmpty()) {
                last = index;
            }
        }
        FreshAddresses addresses = new FreshAddresses(database, secp256k1, mnemonic.seed(), Clock.systemUTC());
        for (int i = 0; i <= last; i++) {
            addresses.freshAddress("restored");
        }
        return last + 1;
    }
}
