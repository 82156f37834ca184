package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.ScryptParameters;
import io.skywire.wallet.seed.SeedStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code skywire wallet new}: creates a wallet from a fresh 12-word mnemonic, shown once. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create a wallet: prints its 12-word mnemonic once; write it down.")
final class WalletNewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    /** Tests lower the scrypt cost; a person never needs to. */
    @Option(names = "--scrypt-log2n", hidden = true, defaultValue = "16")
    private int scryptLog2N;

    @Override
    public Integer call() throws IOException {
        SeedFiles.refuseExisting(options);
        char[] password = options.password(spec, true);
        Mnemonic mnemonic = Mnemonic.generate(new SecureRandom());
        Files.createDirectories(options.dataDir);
        SeedStore.create(options.seedFile(), mnemonic, password, new ScryptParameters(scryptLog2N, 8, 1),
                new SecureRandom());
        try (WalletSession session = WalletSession.open(options.files())) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created a wallet in " + options.dataDir + ".");
            out.println("Write these 12 words down, in order, and keep them offline. They restore the wallet;");
            out.println("they are not shown again:");
            out.println();
            out.println("    " + mnemonic.text());
            out.println();
            out.flush();
        }
        return 0;
    }
}
