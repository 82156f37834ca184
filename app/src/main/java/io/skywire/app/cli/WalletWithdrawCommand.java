package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.skycoin.AddressFormatException;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet withdraw}: sends coins from the wallet to an address on the local chain. */
@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Send AMOUNT (such as 1.5 or 0.25SKY) to ADDRESS on the local chain; change goes to a fresh "
                + "address of the wallet.")
final class WalletWithdrawCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "A Skycoin address (its checksum is checked).")
    private String addressText;

    @Parameters(index = "1", paramLabel = "AMOUNT", description = "SKY, at most 6 decimals.")
    private String amountText;

    @Override
    public Integer call() throws IOException {
        SkycoinAddress to;
        Droplets amount;
        try {
            to = SkycoinAddress.parse(addressText);
            amount = Droplets.parse(amountText);
        } catch (AddressFormatException e) {
            throw new ParameterException(spec.commandLine(), "invalid address '" + addressText + "': "
                    + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "invalid amount: " + e.getMessage());
        }
        if (amount.value() < 1) {
            throw new ParameterException(spec.commandLine(), "the amount must be positive, was " + amount);
        }
        try (WalletSession session = options.open()) {
            Mnemonic mnemonic = options.unlock(spec, session);
            String id;
            try {
                id = session.funds(mnemonic).withdraw(to, amount);
            } catch (ChainRefusedException e) {
                throw new CommandFailedException("the " + session.chain().name() + " refused the withdrawal: "
                        + e.getMessage());
            }
            spec.commandLine().getOut().println("sent " + amount + " to " + to + " in transaction " + id);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
