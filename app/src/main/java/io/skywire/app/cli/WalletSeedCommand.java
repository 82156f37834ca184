package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code skywire wallet seed}: shows the 12-word mnemonic again, only after the password. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Show the wallet's 12-word mnemonic (asks for the password). Anyone who sees it owns the coins.")
final class WalletSeedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Override
    public Integer call() throws IOException {
        try (WalletSession session = options.open()) {
            spec.commandLine().getOut().println(options.unlock(spec, session).text());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
