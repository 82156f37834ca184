package io.skywire.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet}: Skycoin keys and addresses. */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "Skycoin wallet: keys, addresses, balance and withdrawals on the local chain.",
        subcommands = {WalletNewCommand.class, WalletRestoreCommand.class, WalletBalanceCommand.class,
            WalletAddressesCommand.class, WalletReceiveCommand.class, WalletWithdrawCommand.class,
            WalletHistoryCommand.class, WalletFaucetCommand.class, WalletPasswordCommand.class,
            WalletSeedCommand.class, WalletDeriveCommand.class})
final class WalletCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "wallet: a subcommand is required");
    }
}
