package io.skywire.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet}: Skycoin keys and addresses. */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = "Skycoin wallet keys and addresses.",
        subcommands = {WalletDeriveCommand.class})
final class WalletCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "wallet: a subcommand is required");
    }
}
