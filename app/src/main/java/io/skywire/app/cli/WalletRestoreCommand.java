package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.MnemonicException;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet restore}: recreates a wallet from its 12-word mnemonic and finds its used addresses. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a wallet from its 12-word mnemonic (prompted, or from --mnemonic-file).")
final class WalletRestoreCommand implements Callable<Integer> {

    /** Addresses without any chain activity after the last active one before the scan stops, as Skycoin does. */
    static final int GAP_LIMIT = 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Option(names = "--mnemonic-file", paramLabel = "FILE", description = "Read the mnemonic from FILE's first line.")
    private Path mnemonicFile;

    @Option(names = "--scrypt-log2n", hidden = true, defaultValue = "16")
    private int scryptLog2N;

    @Override
    public Integer call() throws IOException {
        SeedFiles.refuseExisting(options);
        Mnemonic mnemonic = readMnemonic();
        char[] password = options.password(spec, true);
        Files.createDirectories(options.dataDir);
        SeedStore.create(options.seedFile(), mnemonic, password, new ScryptParameters(scryptLog2N, 8, 1),
                new SecureRandom());
        try (WalletSession session = WalletSession.open(options.files())) {
            int active = lastActiveIndex(session, mnemonic);
            FreshAddresses addresses = session.addresses(mnemonic);
            for (int i = 0; i <= active; i++) {
                addresses.freshAddress("restored");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Restored the wallet in " + options.dataDir + "; " + (active + 1)
                    + " used addresses found on the " + session.chain().name() + ".");
            out.flush();
        }
        return 0;
    }

    private Mnemonic readMnemonic() {
        char[] text = mnemonicFile != null ? WalletOptions.firstLine(spec, mnemonicFile, "mnemonic")
                : WalletOptions.console(spec, "mnemonic").readPassword("The 12 words: ");
        if (text == null) {
            throw new ParameterException(spec.commandLine(), "no mnemonic given");
        }
        try {
            return Mnemonic.parse(new String(text));
        } catch (MnemonicException e) {
            throw new CommandFailedException("not a valid mnemonic: " + e.getMessage() + "; nothing was written");
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    /** The highest index with chain activity, scanning until {@link #GAP_LIMIT} quiet addresses in a row; -1 if none. */
    private static int lastActiveIndex(WalletSession session, Mnemonic mnemonic) {
        DeterministicKeyChain keys = new DeterministicKeyChain(session.secp256k1(), mnemonic.seed());
        int last = -1;
        for (int index = 0; index <= last + GAP_LIMIT; index++) {
            SkycoinAddress address = keys.next().address();
            if (!session.chain().transactions(address).isEmpty()) {
                last = index;
            }
        }
        return last;
    }
}
