package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code skywire wallet receive}: hands out a never-used address of the wallet to receive coins on. */
@Command(name = "receive", mixinStandardHelpOptions = true, description = "Print a fresh address to receive coins.")
final class WalletReceiveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Override
    public Integer call() throws IOException {
        try (WalletSession session = options.open()) {
            spec.commandLine().getOut().println(session.addresses(options.unlock(spec, session)).freshAddress("receive")
                    .address());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
