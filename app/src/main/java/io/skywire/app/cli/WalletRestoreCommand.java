package io.skywire.app.cli;

import io.skywire.app.wallet.WalletCreation;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.MnemonicException;
import io.skywire.wallet.seed.ScryptParameters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        WalletCreation.Created restored = SeedFiles.create(options, mnemonic, password,
                new ScryptParameters(scryptLog2N, 8, 1), true);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Restored the wallet in " + options.dataDir + "; " + restored.usedAddresses()
                + " used addresses found on the " + restored.chainName() + ".");
        out.flush();
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
}
