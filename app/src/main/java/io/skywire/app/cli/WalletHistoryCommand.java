package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.chain.ChainActivity;
import io.skywire.wallet.chain.WalletFunds;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code skywire wallet history}: the local-chain transactions that moved the wallet's coins. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the wallet's transactions, oldest first: <height> <time> <change> <transaction id>.")
final class WalletHistoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Override
    public Integer call() {
        try (WalletSession session = options.open()) {
            PrintWriter out = spec.commandLine().getOut();
            for (ChainActivity activity : WalletFunds.history(session.chain(), session.usedAddresses())) {
                String sign = activity.change().isNegative() ? "" : "+";
                out.println(activity.height() + " " + activity.time() + " " + sign + activity.change() + " "
                        + activity.transactionId());
            }
            out.flush();
        }
        return 0;
    }
}
