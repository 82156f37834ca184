package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.address.UsedAddress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code skywire wallet addresses}: the addresses the wallet has handed out, each never handed out again. */
@Command(name = "addresses", mixinStandardHelpOptions = true,
        description = "List the used addresses: <index> <address> <purpose> <time> per line.")
final class WalletAddressesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Override
    public Integer call() {
        try (WalletSession session = options.open()) {
            PrintWriter out = spec.commandLine().getOut();
            for (UsedAddress used : session.usedAddresses()) {
                out.println(used.index() + " " + used.address() + " " + used.purpose() + " " + used.usedAt());
            }
            out.flush();
        }
        return 0;
    }
}
