package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.chain.WalletFunds;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code skywire wallet balance}: what the wallet's addresses hold on the local chain. */
@Command(name = "balance", mixinStandardHelpOptions = true,
        description = "Print the wallet's balance on the local chain. Addresses are public: no password needed.")
final class WalletBalanceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Override
    public Integer call() {
        try (WalletSession session = options.open()) {
            spec.commandLine().getOut().println(WalletFunds.balance(session.chain(), session.usedAddresses())
                    + " (" + session.chain().name() + ")");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
